package io.catalyst.identity.login;

import io.catalyst.identity.otp.OtpService;
import io.catalyst.identity.user.UserAccount;
import io.catalyst.identity.user.Users;
import io.catalyst.platform.web.problem.ProblemException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Login with a phone and the one-time code sent to it. */
@Service
public class CodeLogin {

  private final OtpService otp;
  private final Users users;

  CodeLogin(OtpService otp, Users users) {
    this.otp = otp;
    this.users = users;
  }

  @Transactional(noRollbackFor = ProblemException.class)
  public UUID verify(String phone, String code, String address) {
    otp.verify(phone, code, address);
    // Only the holder of the phone gets this far, so saying that no account exists reveals nothing to others.
    return users.byPhone(phone).map(UserAccount::id).orElseThrow(() -> ProblemException.notFound(
        "An account with this phone number").with("hint", "Sign up with POST /api/v1/identity/signup/phone"));
  }
}
