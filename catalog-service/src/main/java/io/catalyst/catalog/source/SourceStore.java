package io.catalyst.catalog.source;

import io.catalyst.catalog.contract.CatalogEvents.Problem;
import io.catalyst.catalog.contract.CatalogEvents.RejectedFile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sources and their sync reports. */
@Repository
public class SourceStore {

  private final JdbcClient jdbc;

  public SourceStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Registers a source, or updates its URL and branch; returns it. */
  public CatalogSource ensure(String owner, String repo, String url, String branch) {
    SourceScope scope = SourceScope.ofOwner(owner);
    String id = CatalogSource.idOf(owner, repo);
    jdbc.sql("""
            insert into catalog_source (id, owner, repo, url, branch, scope, organization)
            values (:id, :owner, :repo, :url, :branch, :scope, :org)
            on conflict (id) do update set url = excluded.url, branch = excluded.branch""")
        .param("id", id).param("owner", owner).param("repo", repo).param("url", url).param("branch", branch)
        .param("scope", scope.wire()).param("org", scope == SourceScope.ORGANIZATION ? owner : null)
        .update();
    return find(id).orElseThrow();
  }

  public Optional<CatalogSource> find(String id) {
    return jdbc.sql("select * from catalog_source where id = :id").param("id", id).query(SourceStore::source)
        .optional();
  }

  /** Locks the source row for the rest of the transaction: one sync of a source at a time, across replicas. */
  public CatalogSource lock(String id) {
    return jdbc.sql("select * from catalog_source where id = :id for update").param("id", id)
        .query(SourceStore::source).single();
  }

  public List<CatalogSource> all() {
    return jdbc.sql("select * from catalog_source order by id").query(SourceStore::source).list();
  }

  public long recordRun(CatalogSource source, String trigger, String commit, Instant started, Instant finished,
      String status, int published, int unchanged, String error, List<RejectedFile> files) {
    long run = jdbc.sql("""
            insert into sync_run (source_id, trigger, commit_sha, started_at, finished_at, status, published,
                                  unchanged, rejected, error)
            values (:source, :trigger, :commit, :started, :finished, :status, :published, :unchanged, :rejected,
                    :error)
            returning id""")
        .param("source", source.id()).param("trigger", trigger).param("commit", commit)
        .param("started", Timestamp.from(started)).param("finished", Timestamp.from(finished))
        .param("status", status).param("published", published).param("unchanged", unchanged)
        .param("rejected", files.size()).param("error", error)
        .query(Long.class).single();
    for (RejectedFile f : files) {
      for (Problem p : f.problems()) {
        jdbc.sql("""
                insert into sync_file_error (run_id, path, blueprint, version, pointer, message)
                values (:run, :path, :blueprint, :version, :pointer, :message)""")
            .param("run", run).param("path", f.path()).param("blueprint", f.blueprint())
            .param("version", f.version()).param("pointer", p.pointer()).param("message", p.message())
            .update();
      }
    }
    jdbc.sql("""
            update catalog_source set last_commit = coalesce(:commit, last_commit), last_synced_at = :finished,
                   last_status = :status where id = :id""")
        .param("id", source.id()).param("commit", commit).param("finished", Timestamp.from(finished))
        .param("status", status).update();
    return run;
  }

  public Optional<SyncReport> latestReport(String sourceId) {
    return jdbc.sql("select * from sync_run where source_id = :id order by id desc limit 1")
        .param("id", sourceId)
        .query((rs, n) -> {
          long run = rs.getLong("id");
          return new SyncReport(run, sourceId, rs.getString("trigger"), rs.getString("commit_sha"),
              rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("finished_at").toInstant(),
              rs.getString("status"), rs.getInt("published"), rs.getInt("unchanged"), rs.getInt("rejected"),
              rs.getString("error"), List.of());
        }).optional()
        .map(r -> new SyncReport(r.run(), r.source(), r.trigger(), r.commit(), r.startedAt(), r.finishedAt(),
            r.status(), r.published(), r.unchanged(), r.rejected(), r.error(), files(r.run())));
  }

  private List<RejectedFile> files(long run) {
    Map<String, List<Object[]>> byPath = new LinkedHashMap<>();
    jdbc.sql("select path, blueprint, version, pointer, message from sync_file_error where run_id = :run"
            + " order by path, pointer")
        .param("run", run)
        .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)})
        .list().forEach(row -> byPath.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(row));
    List<RejectedFile> out = new ArrayList<>();
    byPath.forEach((path, rows) -> out.add(new RejectedFile(path, (String) rows.getFirst()[1],
        (String) rows.getFirst()[2], rows.stream().map(r -> new Problem((String) r[3], (String) r[4])).toList())));
    return out;
  }

  static CatalogSource source(ResultSet rs, int n) throws SQLException {
    Timestamp synced = rs.getTimestamp("last_synced_at");
    return new CatalogSource(rs.getString("id"), rs.getString("owner"), rs.getString("repo"), rs.getString("url"),
        rs.getString("branch"), SourceScope.valueOf(rs.getString("scope").toUpperCase()),
        rs.getString("organization"), rs.getString("last_commit"), synced == null ? null : synced.toInstant(),
        rs.getString("last_status"));
  }
}
