const key = "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEowIBAAKCAQEAx7Lm2Pw9Rt4Vz8Kd3NfFAKEFAKEFAKE\n" +
    "-----END RSA PRIVATE KEY-----";
other();
