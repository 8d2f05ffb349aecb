package io.catalyst.catalog.marketplace;

import io.catalyst.catalog.blueprint.Blueprint;
import io.catalyst.catalog.blueprint.BlueprintNames;
import io.catalyst.catalog.blueprint.BlueprintStore;
import io.catalyst.catalog.blueprint.StoredBlueprint;
import io.catalyst.catalog.blueprint.StoredVersion;
import io.catalyst.catalog.blueprint.Visibility;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Finds a Blueprint by its exact name as a viewer may see it (DOMAIN.md §1.7.1): the viewer's Organization's own
 * Blueprint first, then the Sovereign-wide one. Listed and unlisted Sovereign-wide Blueprints are visible to
 * everyone; private ones to the Sovereign's admins; an Organization's Blueprints only to its members. Anything else
 * is "not found", never "forbidden".
 */
@Service
public class BlueprintDirectory {

  private final BlueprintStore store;

  public BlueprintDirectory(BlueprintStore store) {
    this.store = store;
  }

  public Optional<StoredBlueprint> find(Viewer viewer, String name) {
    if (!BlueprintNames.isValid(name)) {
      return Optional.empty();
    }
    if (viewer.organization() != null) {
      Optional<StoredBlueprint> own = store.find(name, viewer.organization());
      if (own.isPresent()) {
        return own;
      }
    }
    return store.find(name, null)
        .filter(b -> b.visibility() != Visibility.PRIVATE || viewer.sovereignWide());
  }

  public List<StoredVersion> versions(StoredBlueprint blueprint) {
    return store.versions(blueprint.id());
  }

  /** Every published version of {@code name} the viewer may install (for resolution). */
  public List<Blueprint> installable(Viewer viewer, String name) {
    return find(viewer, name).map(b -> store.versions(b.id()).stream().map(store::parse).toList())
        .orElse(List.of());
  }

  public Blueprint parse(StoredVersion version) {
    return store.parse(version);
  }
}
