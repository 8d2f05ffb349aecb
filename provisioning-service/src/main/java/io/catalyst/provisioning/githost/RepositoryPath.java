package io.catalyst.provisioning.githost;

import io.catalyst.platform.core.Names;
import io.catalyst.provisioning.environment.EnvironmentName;
import io.catalyst.provisioning.environment.EnvironmentType;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A repository of the Git host, {@code {owner}/{name}}: an Organization's repository, or one of the conventional
 * owners {@code catalog}, {@code catalog-sovereign} and {@code system}. Anything else (other characters, dots,
 * slashes, traversal) is not a repository name, so it can never reach the file system.
 */
public record RepositoryPath(String owner, String name) {

  public static final String CATALOG = "catalog";
  public static final String CATALOG_SOVEREIGN = "catalog-sovereign";
  public static final String SYSTEM = "system";
  public static final String SHARED_BLUEPRINTS = "shared-blueprints";
  public static final String CATALYST_CONFIG = "catalyst-config";

  /** Repository names: a DNS label (Application names, {@code shared-blueprints}, {@code bp-<name>}). */
  private static final Pattern NAME = Pattern.compile("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");

  /** Who owns a repository, which decides who may read and write it. */
  public enum Kind {
    /** An Organization's: {@code shared-blueprints} and one repository per Application. */
    ORGANIZATION,
    /** {@code catalog} and {@code catalog-sovereign}: Blueprint sources, readable by every signed-in user. */
    CATALOG,
    /** {@code system}: the Sovereign's configuration and policies. */
    SYSTEM
  }

  public RepositoryPath {
    if (!isOwner(owner) || !isName(name)) {
      throw new IllegalArgumentException("Not a repository: " + owner + "/" + name);
    }
  }

  /** The repository {@code owner/name}, or empty when either part breaks the naming rules. */
  public static Optional<RepositoryPath> parse(String owner, String name) {
    return isOwner(owner) && isName(name) ? Optional.of(new RepositoryPath(owner, name)) : Optional.empty();
  }

  /** Parses {@code owner/name.git} (the form JGit's servlet hands over; {@code .git} optional). */
  public static Optional<RepositoryPath> parse(String ownerSlashName) {
    if (ownerSlashName == null) {
      return Optional.empty();
    }
    String s = ownerSlashName.endsWith(".git") ? ownerSlashName.substring(0, ownerSlashName.length() - 4) : ownerSlashName;
    int slash = s.indexOf('/');
    if (slash < 0 || s.indexOf('/', slash + 1) >= 0) {
      return Optional.empty();
    }
    return parse(s.substring(0, slash), s.substring(slash + 1));
  }

  public static boolean isOwner(String owner) {
    return CATALOG.equals(owner) || CATALOG_SOVEREIGN.equals(owner) || SYSTEM.equals(owner)
        || Names.isOrganization(owner);
  }

  public static boolean isName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public Kind kind() {
    return switch (owner) {
      case CATALOG, CATALOG_SOVEREIGN -> Kind.CATALOG;
      case SYSTEM -> Kind.SYSTEM;
      default -> Kind.ORGANIZATION;
    };
  }

  /** An Application's repository: its long-lived branches are the Organization's Environments. */
  public boolean isApplicationRepository() {
    return kind() == Kind.ORGANIZATION && !SHARED_BLUEPRINTS.equals(name);
  }

  /** The Environment whose branch {@code branch} is, in an Application's repository; else null. */
  public String environmentOf(String branch) {
    return branch != null && isApplicationRepository()
        ? EnvironmentType.ofBranch(branch).map(t -> EnvironmentName.of(owner, t).toString()).orElse(null)
        : null;
  }

  /** The Organization the repository belongs to, or null for the Sovereign's own owners. */
  public String organization() {
    return kind() == Kind.ORGANIZATION ? owner : null;
  }

  @Override
  public String toString() {
    return owner + "/" + name;
  }
}
