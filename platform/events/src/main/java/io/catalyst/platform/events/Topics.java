package io.catalyst.platform.events;

/** One topic per producing service; the record key is the Organization id (per-Organization ordering). */
public final class Topics {
  public static final String IDENTITY = "catalyst.identity.v1";
  public static final String CATALOG = "catalyst.catalog.v1";
  public static final String PROVISIONING = "catalyst.provisioning.v1";
  public static final String PROMOTION = "catalyst.promotion.v1";
  public static final String BILLING = "catalyst.billing.v1";
  public static final String RUNTIME = "catalyst.runtime.v1";

  /** Where records that could not be handled after the retries go. */
  public static String deadLetter(String topic) {
    return topic + ".DLT";
  }

  /** The topic of a service, e.g. {@code catalog} → {@code catalyst.catalog.v1}. */
  public static String of(String service) {
    return "catalyst." + service + ".v1";
  }

  private Topics() {}
}
