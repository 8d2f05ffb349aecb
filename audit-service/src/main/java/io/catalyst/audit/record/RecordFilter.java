package io.catalyst.audit.record;

import java.time.Instant;

/**
 * What a query selects; null means "any". {@code chain} is an Organization or {@code _sovereign}; {@code actor} is
 * also how an org-developer is held to their own actions.
 *
 * @param beforeId  the cursor: only records ingested before this row (newest first paging)
 */
public record RecordFilter(String chain, String actor, String action, String resourcePrefix, String surface,
    String application, Instant from, Instant to, Long beforeId, int limit) {}
