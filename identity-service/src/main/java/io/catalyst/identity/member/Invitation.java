package io.catalyst.identity.member;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An invitation into an Organization (the token itself is never stored). */
public record Invitation(UUID id, String organization, String email, String phone, List<String> roles,
    List<String> environments, String invitedBy, Instant createdAt, Instant expiresAt, Instant acceptedAt,
    UUID acceptedBy, Instant revokedAt) {}
