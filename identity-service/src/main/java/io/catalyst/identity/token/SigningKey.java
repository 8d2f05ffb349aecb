package io.catalyst.identity.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/** One RS256 key pair of the Sovereign: published from {@code createdAt}, signing from {@code signingFrom}. */
public record SigningKey(
    String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey, Instant createdAt, Instant signingFrom) {

  RSAKey toSigningJwk() {
    return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(kid).keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.RS256).build();
  }

  RSAKey toPublicJwk() {
    return new RSAKey.Builder(publicKey).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
  }
}
