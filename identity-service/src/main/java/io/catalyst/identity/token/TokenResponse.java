package io.catalyst.identity.token;

/**
 * What sign-up, login and refresh answer: a 15-minute access token and a rotating 30-day refresh token (shown once).
 */
public record TokenResponse(
    String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn,
    String userId, String organization) {}
