package io.catalyst.provisioning.environment;

import io.catalyst.platform.core.Names;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An Environment's name, exactly {@code {org}-{env_type}} (parsed on the last hyphen). */
public record EnvironmentName(String organization, EnvironmentType type) {

  private static final Pattern PATTERN = Pattern.compile("^([a-z][a-z0-9-]{1,30}[a-z0-9])-(prod|stg|uat|dev|poc)$");

  public static EnvironmentName of(String organization, EnvironmentType type) {
    if (!Names.isOrganization(organization)) {
      throw new IllegalArgumentException("Not an Organization name: " + organization);
    }
    return new EnvironmentName(organization, type);
  }

  /** The Environment named {@code name}, or empty when it is not {@code {org}-{prod|stg|uat|dev|poc}}. */
  public static Optional<EnvironmentName> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    Matcher m = PATTERN.matcher(name);
    if (!m.matches() || !Names.isOrganization(m.group(1))) {
      return Optional.empty();
    }
    return Optional.of(new EnvironmentName(m.group(1), EnvironmentType.ofCode(m.group(2)).orElseThrow()));
  }

  @Override
  public String toString() {
    return organization + "-" + type.code();
  }
}
