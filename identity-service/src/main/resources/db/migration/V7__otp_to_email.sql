-- One-time codes go to a phone (SMS) or, for an email sign-up, to an email address (mail): the column names the
-- recipient, normalized (+96891234567 or name@example.com; the two shapes never collide).
alter table otp_challenge rename column phone to recipient;
alter index otp_challenge_by_phone rename to otp_challenge_by_recipient;
