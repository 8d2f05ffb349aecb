package io.catalyst.catalog.web;

import io.catalyst.catalog.marketplace.Viewer;
import io.catalyst.platform.web.security.Caller;

final class Viewers {

  private Viewers() {}

  static Viewer of(Caller caller) {
    if (caller == null || !caller.isAuthenticated()) {
      return Viewer.ANONYMOUS;
    }
    return new Viewer(caller.organization(), caller.isSovereignAdmin() || caller.isService());
  }
}
