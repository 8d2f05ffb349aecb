package io.catalyst.identity.signup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "short|at least 10",
      "password123|common",
      "Password123!|common",
      "qwertyuiop|common",
      "iloveyou123|common",
      "aaaaaaaaaaaa|repeats",
      "abababababab|repeats",
      "abcdefghijkl|sequence",
      "9876543210|sequence"})
  void refusesWithAReason(String password, String reason) {
    assertThat(PasswordPolicy.problem(password)).hasValueSatisfying(p -> assertThat(p).contains(reason));
  }

  @Test
  void refusesTheUsersOwnEmailOrBusinessName() {
    assertThat(PasswordPolicy.problem("ahmed.pharmacy2024", "ahmed.pharmacy@example.com", "Muscat Pharmacy"))
        .hasValueSatisfying(p -> assertThat(p).contains("email address or business name"));
    assertThat(PasswordPolicy.problem("MuscatPharmacy!!", "a@example.com", "Muscat Pharmacy")).isPresent();
  }

  @Test
  void refusesMoreThanBcryptReads() {
    assertThat(PasswordPolicy.problem("ü".repeat(40))).hasValueSatisfying(p -> assertThat(p).contains("72 bytes"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"correct horse battery staple", "Sohar-Fish-Market-77", "t9#Lq!2vZx@8"})
  void acceptsStrongPasswords(String password) {
    assertThat(PasswordPolicy.problem(password, "someone@example.com", "Acme Trading")).isEmpty();
  }
}
