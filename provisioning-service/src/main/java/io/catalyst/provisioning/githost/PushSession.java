package io.catalyst.provisioning.githost;

import io.catalyst.platform.events.CatalystEvent;
import io.catalyst.platform.events.Outbox;
import io.catalyst.platform.git.ChangedPath;
import io.catalyst.platform.git.Codeowners;
import io.catalyst.platform.git.CommitInfo;
import io.catalyst.platform.git.GitRepository;
import io.catalyst.platform.git.GitTree;
import io.catalyst.platform.web.security.Caller;
import io.catalyst.provisioning.contract.BranchMoved;
import io.catalyst.provisioning.contract.GitPushRefused;
import io.catalyst.provisioning.contract.ProvisioningEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One push: the pre-receive checks (the {@link PushPolicy} per ref, then the {@link SecretScanner} over every file
 * the push brings into {@code values.yaml}, {@code overlays/} and {@code secrets/}), and after the refs moved, each
 * moved branch reported to {@link BranchMoves} ({@code branch.moved.v1}, {@code via push}). Refusals are sent to the client as
 * {@code remote:} lines that say what to do.
 */
final class PushSession implements PreReceiveHook, PostReceiveHook {

  private static final Logger log = LoggerFactory.getLogger(PushSession.class);
  private static final int MAX_SCANNED_COMMITS = 1000;
  private static final long MAX_SCANNED_BYTES = 4 * 1024 * 1024;

  private final Caller caller;
  private final RepositoryPath repo;
  private final PushPolicy policy;
  private final SecretScanner scanner;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final BranchMoves moves;
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
    GitRepository git = GitRepository.of(rp.getRepository());
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
        continue;
      }
      try {
        List<Codeowners.Violation> violations = codeownersViolations(git, cmd);
        if (!violations.isEmpty()) {
          String branch = cmd.getRefName().substring(Constants.R_HEADS.length());
          refuse(rp, cmd, GitPushRefused.RULE_CODEOWNERS, "CODEOWNERS: " + violations.getFirst().path()
              + " is owned by " + Codeowners.owningTeams(violations), Codeowners.message(branch,
              new Codeowners.Changer(caller.subject(), caller.roles(), caller.teams()), violations));
          continue;
        }
        List<SecretScanner.Finding> findings = scanNewCommits(git, cmd.getNewId());
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
        }
      } catch (IOException | UncheckedIOException e) {
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
    List<ReceiveCommand> moved = commands.stream().filter(cmd -> cmd.getResult() == ReceiveCommand.Result.OK
        && cmd.getRefName().startsWith(Constants.R_HEADS)).toList();
    if (moved.isEmpty()) {
      return;
    }
    try {
      tx.executeWithoutResult(status -> moved.forEach(cmd -> moves.moved(repo,
          cmd.getRefName().substring(Constants.R_HEADS.length()), sha(cmd.getOldId()), sha(cmd.getNewId()),
          BranchMoved.VIA_PUSH, caller.subject())));
    } catch (RuntimeException e) {
      // The refs have moved but the moves are not recorded (the database is down right now): the branch-head
      // reconciler announces these heads on its next run (branch_head still has the old ones).
      log.error("Push to {} by {} accepted but its branch moves could not be recorded; the branch-head "
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

  private static String sha(ObjectId id) {
    return ObjectId.zeroId().equals(id) ? null : id.name();
  }

  /**
   * The paths this update changes on its branch (old head's tree against the new head's) that the target branch's
   * {@code CODEOWNERS} — as it is before the push, so a push cannot make its pusher an owner — reserves for teams
   * the caller is not in. A new branch has no CODEOWNERS yet and a tag is no branch: nothing to check.
   */
  private List<Codeowners.Violation> codeownersViolations(GitRepository git, ReceiveCommand cmd) {
    Codeowners.Changer changer = new Codeowners.Changer(caller.subject(), caller.roles(), caller.teams());
    if (!Codeowners.enforcedFor(changer) || !cmd.getRefName().startsWith(Constants.R_HEADS)
        || ObjectId.zeroId().equals(cmd.getOldId())) {
      return List.of();
    }
    String old = cmd.getOldId().name();
    Codeowners codeowners = Codeowners.parse(git.tree(old).readString("CODEOWNERS").orElse(null));
    if (codeowners.rules().isEmpty()) {
      return List.of();
    }
    Set<String> changed = new LinkedHashSet<>();
    for (ChangedPath path : git.diff(old, cmd.getNewId().name(), false)) {
      if (path.oldPath() != null) {
        changed.add(path.oldPath());
      }
      if (path.newPath() != null) {
        changed.add(path.newPath());
      }
    }
    return codeowners.check(changer, changed);
  }

  /**
   * Commits reachable from {@code tip} that the repository does not have yet (reachable from none of its refs), each
   * diffed against its first parent: the files they add or change that the scanner looks at.
   */
  private List<SecretScanner.Finding> scanNewCommits(GitRepository git, ObjectId tip) throws IOException {
    List<String> known = new ArrayList<>();
    for (Ref ref : git.repository().getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
      if (ref.getObjectId() != null && git.hasCommit(ref.getObjectId().name())) {
        known.add(ref.getObjectId().name()); // an annotated tag of a tree or blob excludes nothing
      }
    }
    List<SecretScanner.Finding> findings = new ArrayList<>();
    for (CommitInfo commit : git.log(tip.name(), known, 0, MAX_SCANNED_COMMITS)) {
      GitTree tree = git.tree(commit.sha());
      for (ChangedPath path : git.diff(commit.parents().isEmpty() ? null : commit.parents().getFirst(), commit.sha(),
          false)) {
        if (path.newPath() == null || !SecretScanner.applies(path.newPath())) {
          continue;
        }
        if (tree.size(path.newPath()).orElse(0) > MAX_SCANNED_BYTES) {
          throw new IOException(path.newPath() + " is too large to be checked");
        }
        String content = tree.readString(path.newPath()).orElse("");
        for (SecretScanner.Finding f : scanner.scan(path.newPath(), content)) {
          if (!findings.contains(f)) {
            findings.add(f);
          }
        }
      }
    }
    return findings;
  }
}
