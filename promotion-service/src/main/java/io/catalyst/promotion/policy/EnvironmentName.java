package io.catalyst.promotion.policy;

import io.catalyst.platform.core.Names;
import java.util.List;
import java.util.Optional;

/**
 * An Environment's name, {@code {org}-{env_type}}, parsed on the last hyphen (DOMAIN.md §2.2), with the branch it is
 * and its place in the promotion order develop → staging → uat → main ({@code poc} has none).
 */
public record EnvironmentName(String organization, EnvType type) {

  /** The env types, their branches, in promotion order (poc last: a sandbox outside the order). */
  public enum EnvType {
    DEV("dev", "develop"), STG("stg", "staging"), UAT("uat", "uat"), PROD("prod", "main"), POC("poc", "poc");

    private final String code;
    private final String branch;

    EnvType(String code, String branch) {
      this.code = code;
      this.branch = branch;
    }

    public String code() {
      return code;
    }

    public String branch() {
      return branch;
    }

    /** Whether promotions flow through this type (every type but {@code poc}). */
    public boolean promotes() {
      return this != POC;
    }

    public static Optional<EnvType> ofCode(String code) {
      for (EnvType t : values()) {
        if (t.code.equals(code)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }

    public static Optional<EnvType> ofBranch(String branch) {
      for (EnvType t : values()) {
        if (t.branch.equals(branch)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  /** The promotion order, lowest first. */
  public static final List<EnvType> PROMOTION_ORDER = List.of(EnvType.DEV, EnvType.STG, EnvType.UAT, EnvType.PROD);

  public static Optional<EnvironmentName> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    int dash = name.lastIndexOf('-');
    if (dash <= 0) {
      return Optional.empty();
    }
    String org = name.substring(0, dash);
    if (!Names.ORGANIZATION.matcher(org).matches()) {
      return Optional.empty();
    }
    return EnvType.ofCode(name.substring(dash + 1)).map(t -> new EnvironmentName(org, t));
  }

  public String name() {
    return organization + "-" + type.code();
  }

  /** Where this Environment's policy lives in {@code system/catalyst-config}. */
  public String policyPath() {
    return "policies/" + name() + "-policy.yaml";
  }

  public String policyName() {
    return name() + "-policy";
  }

  @Override
  public String toString() {
    return name();
  }
}
