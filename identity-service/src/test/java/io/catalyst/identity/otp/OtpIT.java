package io.catalyst.identity.otp;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalyst.identity.support.IdentityIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/** Brute-force limits and expiry of one-time codes, moved by the clock, never by sleeping. */
class OtpIT extends IdentityIntegrationTest {

  @Test
  void fiveWrongAttemptsBurnTheCodeEvenTheRightOneIsThenRefused() throws Exception {
    String phone = newPhone();
    String code = sendCode(phone);
    String wrong = code.equals("000000") ? "111111" : "000000";
    for (int i = 1; i <= 5; i++) {
      MvcResult r = mvc.perform(postJson("/api/v1/identity/login/code", Map.of("phone", phone, "code", wrong)))
          .andReturn();
      assertThat(r.getResponse().getStatus()).isEqualTo(400);
      assertThat(r.getResponse().getContentAsString()).contains("\"field\":\"code\"");
    }
    MvcResult right = mvc.perform(postJson("/api/v1/identity/signup/phone",
        Map.of("phone", phone, "code", code, "businessName", "Brute Force Ltd"))).andReturn();
    assertThat(right.getResponse().getStatus()).isEqualTo(400);
    assertThat(right.getResponse().getContentAsString()).contains("request");
    assertThat(jdbc.sql("select code_hash::text from otp_challenge where recipient = :p").param("p", phone)
        .query(String.class).single()).as("only a hash is stored").doesNotContain(code);
  }

  @Test
  void aCodeExpiresAfterFiveMinutes() throws Exception {
    String phone = newPhone();
    String code = sendCode(phone);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    MvcResult r = mvc.perform(postJson("/api/v1/identity/signup/phone",
        Map.of("phone", phone, "code", code, "businessName", "Late Ltd"))).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(400);
    assertThat(r.getResponse().getContentAsString()).contains("expired");
  }

  @Test
  void resendHasACooldownAndEachPhoneAtMostFiveCodesAnHour() throws Exception {
    String phone = newPhone();
    sendCode(phone);
    MvcResult tooSoon = mvc.perform(postJson("/api/v1/identity/otp", Map.of("phone", phone))).andReturn();
    assertThat(tooSoon.getResponse().getStatus()).isEqualTo(429);
    assertThat(tooSoon.getResponse().getContentType()).isEqualTo("application/problem+json");
    assertThat(Long.parseLong(tooSoon.getResponse().getHeader("Retry-After"))).isBetween(1L, 30L);
    for (int i = 2; i <= 5; i++) {
      clock.advance(Duration.ofSeconds(31));
      sendCode(phone);
    }
    clock.advance(Duration.ofSeconds(31));
    ip = "10.250.0." + (1 + (int) (Math.random() * 250)); // another network: still refused, the limit is per phone
    MvcResult sixth = mvc.perform(postJson("/api/v1/identity/otp", Map.of("phone", phone))).andReturn();
    assertThat(sixth.getResponse().getStatus()).isEqualTo(429);
    assertThat(sixth.getResponse().getContentAsString()).contains("this phone number");
  }

  @Test
  void oneAddressCanRequestAtMostTwentyCodesAnHour() throws Exception {
    for (int i = 0; i < 20; i++) {
      sendCode(newPhone());
    }
    MvcResult r = mvc.perform(postJson("/api/v1/identity/otp", Map.of("phone", newPhone()))).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(429);
    assertThat(r.getResponse().getHeader("Retry-After")).isNotNull();
    assertThat(r.getResponse().getContentAsString()).contains("your network");
  }

  @Test
  void aPhoneThatIsNotANumberIsA400WithTheField() throws Exception {
    MvcResult r = mvc.perform(postJson("/api/v1/identity/otp", Map.of("phone", "call me"))).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(400);
    assertThat(r.getResponse().getContentAsString()).contains("\"field\":\"phone\"");
  }
}
