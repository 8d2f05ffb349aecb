package io.catalyst.provisioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Git host, Environments, Application installs and Application state. */
@SpringBootApplication
public class ProvisioningApplication {

  public static void main(String[] args) {
    SpringApplication.run(ProvisioningApplication.class, args);
  }
}
