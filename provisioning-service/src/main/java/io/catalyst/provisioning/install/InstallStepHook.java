package io.catalyst.provisioning.install;

import java.util.UUID;

/**
 * Called before each step of an install runs. No production bean implements it; tests register one to make a step
 * fail (compensation) or to stop an attempt dead (a crash the next attempt must finish).
 */
public interface InstallStepHook {

  void before(UUID install, InstallStep step);
}
