package io.catalyst.provisioning.githost;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.contract.GitPushRefused;
import io.catalyst.provisioning.contract.GitPushed;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One push: the pre-receive checks (the {@link PushPolicy} per ref, then the {@link SecretScanner} over every file
 * the push brings into {@code values.yaml}, {@code overlays/} and {@code secrets/}), and after the refs moved, one
 * {@code git.pushed.v1} event per updated branch through the outbox. Refusals are sent to the client as
 * {@code remote:} lines that say what to do.
 */
final class PushSession implements PreReceiveHook, PostReceiveHook {

  private static final Logger log = LoggerFactory.getLogger(PushSession.class);
  private static final int MAX_COMMITS = 100;
  private static final int MAX_SCANNED_COMMITS = 1000;

  private final Caller caller;
  private final RepositoryPath repo;
  private final PushPolicy policy;
  private final SecretScanner scanner;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final BranchMoves moves;
  private final Map<ReceiveCommand, List<GitPushed.PushedCommit>> accepted = new HashMap<>();
  private final List<GitPushRefused> refused = new java.util.ArrayList<>();

  PushSession(Caller caller, RepositoryPath repo, PushPolicy policy, SecretScanner scanner, Outbox outbox,
      TransactionTemplate tx, BranchMoves moves) {
    this.moves = moves;
    this.caller = caller;
    this.repo = repo;
    this.policy = policy;
    this.scanner = scanner;
    this.outbox = outbox;
    this.tx = tx;
  }

  @Override
  public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
    Repository db = rp.getRepository();
    for (ReceiveCommand cmd : commands) {
      if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
        continue;
      }
      PushPolicy.Verdict verdict = policy.check(caller, repo, new PushPolicy.RefChange(cmd.getRefName(), type(cmd)));
      if (!verdict.accepted()) {
        refuse(rp, cmd, GitPushRefused.RULE_POLICY, verdict.reason(), verdict.message());
        continue;
      }
      if (cmd.getType() == ReceiveCommand.Type.DELETE) {
        accepted.put(cmd, List.of());
        continue;
      }
      try {
        List<Codeowners.Violation> violations = codeownersViolations(db, cmd);
        if (!violations.isEmpty()) {
          String branch = cmd.getRefName().substring(Constants.R_HEADS.length());
          refuse(rp, cmd, GitPushRefused.RULE_CODEOWNERS, "CODEOWNERS: " + violations.getFirst().path()
              + " is owned by " + Codeowners.owningTeams(violations), Codeowners.message(branch, caller, violations));
          continue;
        }
        List<SecretScanner.Finding> findings = scanNewCommits(db, cmd.getNewId());
        if (!findings.isEmpty()) {
          StringBuilder message = new StringBuilder("Plain secret values cannot be pushed; only references are "
              + "allowed in values.yaml, overlays/ and secrets/:");
          for (SecretScanner.Finding f : findings) {
            message.append("\n  ").append(f.path()).append(f.key() != null ? ": " + f.key() : "").append(' ')
                .append(f.problem());
          }
          message.append("\nStore the value in OpenBao and reference it: an ExternalSecret in secrets/ and "
              + "'existingSecret: <name>' (or a ref+openbao:// value) in the values. Then remove the value from "
              + "every commit of this push (git commit --amend, or git rebase -i) and push again.");
          refuse(rp, cmd, GitPushRefused.RULE_SECRETS, "plain secret in " + findings.getFirst().path(),
              message.toString());
          continue;
        }
        accepted.put(cmd, commitsOf(db, cmd));
      } catch (IOException e) {
        log.warn("Could not inspect push to {} {}", repo, cmd.getRefName(), e);
        refuse(rp, cmd, GitPushRefused.RULE_UNCHECKED, "could not be checked",
            "The push could not be checked; try again.");
      }
    }
    if (commands.stream().anyMatch(c -> c.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED)) {
      // A refused ref is reported above; with an atomic push the others must not move either.
      if (rp.isAtomic()) {
        ReceiveCommand.abort(commands);
      }
    }
    announceRefusals();
  }

  /** One {@code git.push.refused.v1} per refused ref; the refusal stands even when it cannot be recorded. */
  private void announceRefusals() {
    if (refused.isEmpty()) {
      return;
    }
    try {
      tx.executeWithoutResult(status -> refused.forEach(r -> outbox.publish(new CatalystEvent(
          ProvisioningEvents.GIT_PUSH_REFUSED, "repos/" + repo, repo.organization(), r.environment(), caller.subject(), r))));
    } catch (RuntimeException e) {
      log.warn("Push to {} by {} refused, but the refusal could not be recorded", repo, caller.subject(), e);
    }
  }

  @Override
  public void onPostReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
    List<GitPushed> pushes = new java.util.ArrayList<>();
    try (ObjectReader reader = rp.getRepository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      for (ReceiveCommand cmd : commands) {
        if (cmd.getResult() != ReceiveCommand.Result.OK || !cmd.getRefName().startsWith(Constants.R_HEADS)) {
          continue;
        }
        String branch = cmd.getRefName().substring(Constants.R_HEADS.length());
        String environment = repo.environmentOf(branch);
        String committer = null;
        if (cmd.getType() != ReceiveCommand.Type.DELETE) {
          PersonIdent ident = walk.parseCommit(cmd.getNewId()).getCommitterIdent();
          committer = ident.getName() + " <" + ident.getEmailAddress() + ">";
        }
        List<GitPushed.PushedCommit> commits = accepted.getOrDefault(cmd, List.of());
        GitPushed data = new GitPushed(repo.owner(), repo.name(), branch, environment, sha(cmd.getOldId()),
            sha(cmd.getNewId()), change(cmd), committer, caller.subject(),
            commits.size() > MAX_COMMITS ? commits.subList(0, MAX_COMMITS) : commits, commits.size() > MAX_COMMITS);
        pushes.add(data);
      }
      if (!pushes.isEmpty()) {
        tx.executeWithoutResult(status -> pushes.forEach(push -> moves.pushed(repo, push)));
      }
    } catch (IOException | RuntimeException e) {
      // The refs have moved but the events are not recorded (the database is down right now): the branch-head
      // reconciler announces these heads on its next run (branch_head still has the old ones).
      log.error("Push to {} by {} accepted but its git.pushed events could not be recorded; the branch-head "
          + "reconciler will announce them", repo, caller.subject(), e);
    }
  }

  private void refuse(ReceivePack rp, ReceiveCommand cmd, String rule, String reason, String message) {
    cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason);
    String ref = cmd.getRefName();
    String branch = ref.startsWith(Constants.R_HEADS) ? ref.substring(Constants.R_HEADS.length()) : null;
    refused.add(new GitPushRefused(repo.owner(), repo.name(), ref, branch, repo.environmentOf(branch), rule, reason,
        caller.subject(), sha(cmd.getOldId()), sha(cmd.getNewId())));
    for (String line : message.split("\n")) {
      rp.sendMessage(line);
    }
  }

  private static PushPolicy.ChangeType type(ReceiveCommand cmd) {
    return switch (cmd.getType()) {
      case CREATE -> PushPolicy.ChangeType.CREATE;
      case UPDATE -> PushPolicy.ChangeType.UPDATE;
      case UPDATE_NONFASTFORWARD -> PushPolicy.ChangeType.FORCE_UPDATE;
      case DELETE -> PushPolicy.ChangeType.DELETE;
    };
  }

  private static String change(ReceiveCommand cmd) {
    return switch (cmd.getType()) {
      case CREATE -> "created";
      case DELETE -> "deleted";
      default -> "updated";
    };
  }

  private static String sha(ObjectId id) {
    return ObjectId.zeroId().equals(id) ? null : id.name();
  }

  /**
   * The paths this update changes on its branch (old head's tree against the new head's) that the target branch's
   * {@code CODEOWNERS} — as it is before the push, so a push cannot make its pusher an owner — reserves for teams
   * the caller is not in. A new branch has no CODEOWNERS yet and a tag is no branch: nothing to check.
   */
  private List<Codeowners.Violation> codeownersViolations(Repository db, ReceiveCommand cmd) throws IOException {
    if (!Codeowners.enforcedFor(caller) || !cmd.getRefName().startsWith(Constants.R_HEADS)
        || ObjectId.zeroId().equals(cmd.getOldId())) {
      return List.of();
    }
    try (RevWalk walk = new RevWalk(db)) {
      RevCommit old = walk.parseCommit(cmd.getOldId());
      RevCommit next = walk.parseCommit(cmd.getNewId());
      String text;
      try (TreeWalk owners = TreeWalk.forPath(db, "CODEOWNERS", old.getTree())) {
        if (owners == null) {
          return List.of();
        }
        text = new String(db.open(owners.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(1024 * 1024),
            StandardCharsets.UTF_8);
      }
      Codeowners codeowners = Codeowners.parse(text);
      if (codeowners.rules().isEmpty()) {
        return List.of();
      }
      List<String> changed = new ArrayList<>();
      try (TreeWalk tw = new TreeWalk(db)) {
        tw.setRecursive(true);
        tw.addTree(old.getTree());
        tw.addTree(next.getTree());
        tw.setFilter(TreeFilter.ANY_DIFF);
        while (tw.next()) {
          changed.add(tw.getPathString());
        }
      }
      return codeowners.check(caller, changed);
    }
  }

  /** Commits reachable from {@code tip} that the repository does not have yet, each diffed against its parent. */
  private List<SecretScanner.Finding> scanNewCommits(Repository db, ObjectId tip) throws IOException {
    List<SecretScanner.Finding> findings = new ArrayList<>();
    try (RevWalk walk = new RevWalk(db)) {
      walk.markStart(walk.parseCommit(tip));
      for (Ref ref : db.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
        if (ref.getObjectId() != null) {
          try {
            walk.markUninteresting(walk.parseCommit(ref.getObjectId()));
          } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException notACommit) {
            // an annotated tag of a tree or blob: nothing to exclude
          }
        }
      }
      int scanned = 0;
      for (RevCommit commit : walk) {
        if (++scanned > MAX_SCANNED_COMMITS) {
          break;
        }
        try (TreeWalk tw = new TreeWalk(db)) {
          tw.setRecursive(true);
          if (commit.getParentCount() > 0) {
            tw.addTree(walk.parseCommit(commit.getParent(0)).getTree());
          } else {
            tw.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
          }
          tw.addTree(commit.getTree());
          tw.setFilter(TreeFilter.ANY_DIFF);
          while (tw.next()) {
            String path = tw.getPathString();
            ObjectId blob = tw.getObjectId(1);
            if (!SecretScanner.applies(path) || ObjectId.zeroId().equals(blob)) {
              continue;
            }
            byte[] content = db.open(blob, Constants.OBJ_BLOB).getCachedBytes(4 * 1024 * 1024);
            for (SecretScanner.Finding f : scanner.scan(path, new String(content, StandardCharsets.UTF_8))) {
              if (!findings.contains(f)) {
                findings.add(f);
              }
            }
          }
        }
      }
    }
    return findings;
  }

  private static List<GitPushed.PushedCommit> commitsOf(Repository db, ReceiveCommand cmd) throws IOException {
    List<GitPushed.PushedCommit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(db)) {
      walk.markStart(walk.parseCommit(cmd.getNewId()));
      if (!ObjectId.zeroId().equals(cmd.getOldId())) {
        walk.markUninteresting(walk.parseCommit(cmd.getOldId()));
      } else {
        for (Ref ref : db.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
          walk.markUninteresting(walk.parseCommit(ref.getObjectId()));
        }
      }
      for (RevCommit c : walk) {
        if (commits.size() > MAX_COMMITS) {
          break; // one past the limit marks the list as truncated
        }
        commits.add(new GitPushed.PushedCommit(c.name(), ident(c.getAuthorIdent()), ident(c.getCommitterIdent()),
            c.getShortMessage(), Instant.ofEpochSecond(c.getCommitTime()).toString()));
      }
    }
    return commits;
  }

  private static String ident(PersonIdent p) {
    return p.getName() + " <" + p.getEmailAddress() + ">";
  }
}
