/**
 * catalog-service's public event contract: the {@code data} of the events it publishes on
 * {@code catalyst.catalog.v1} (types {@code io.catalyst.catalog.*}), and of the provisioning events it consumes.
 * Other services depend on these shapes, never on catalog tables. Documented in {@code docs/catalog.md}.
 */
package io.catalyst.catalog.contract;
