package io.catalyst.promotion;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** EnvironmentPolicy, promotions between environment branches, approvals and gate decisions. */
@SpringBootApplication
public class PromotionApplication {

  public static void main(String[] args) {
    SpringApplication.run(PromotionApplication.class, args);
  }
}
