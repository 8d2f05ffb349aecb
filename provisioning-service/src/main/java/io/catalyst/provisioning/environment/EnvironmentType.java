package io.catalyst.provisioning.environment;

import java.util.Arrays;
import java.util.Optional;

/**
 * The five Environment types and the long-lived branch of every Application repository that each one watches
 * (DOMAIN.md §2.3, settled in ARCHITECTURE.md): {@code develop}→dev, {@code staging}→stg, {@code uat}→uat,
 * {@code main}→prod, {@code poc}→poc.
 */
public enum EnvironmentType {
  DEV("dev", "develop"),
  STG("stg", "staging"),
  UAT("uat", "uat"),
  PROD("prod", "main"),
  POC("poc", "poc");

  private final String code;
  private final String branch;

  EnvironmentType(String code, String branch) {
    this.code = code;
    this.branch = branch;
  }

  /** The token in names and overlays, e.g. {@code prod}. */
  public String code() {
    return code;
  }

  /** The branch of every Application repository this Environment applies, e.g. {@code main}. */
  public String branch() {
    return branch;
  }

  public static Optional<EnvironmentType> ofCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }

  /** The Environment type whose branch is {@code branch} (short name, without {@code refs/heads/}). */
  public static Optional<EnvironmentType> ofBranch(String branch) {
    return Arrays.stream(values()).filter(t -> t.branch.equals(branch)).findFirst();
  }
}
