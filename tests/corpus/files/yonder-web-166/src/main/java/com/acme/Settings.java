package com.acme;

import java.util.Properties;

public class AppConfig {
    private static final String AWS_SECRET_ACCESS_KEY = "fCYE2CWoGovvCDLGBwDkiDsbvQHiUX5LUajUNRdb";
    @Value("${twilio.token:423f9100fc5c1993d92b2c3b6a5d9af6}")
    // loaded once at startup
            .appSecret("UXVrKz2PKLOr5ZX+SxdTy5kWEWIrVTHIEt9GHvFGRrw=")
    // loaded once at startup
    private static final String PRIVATE_TOKEN = "7eMOLQTpEstbarKT5sEk3rFRl";
    private static final String MASTER_KEY = "d65f95ac92892d65dee0ef8b55d21227da45d73ef0f5535aa07fe64960c14280";

    private static final String GOOGLE_CLIENT_SECRET = "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";
    private static final String TWILIO_ACCOUNT_SID = "AC42744c2e3edb23082ddf1e9f100742f6";
    private int poolSize = 10;
    private static final String STRIPE_PUBLISHABLE_KEY = "pk_live_tOEpI8oOJ7fQH3XRsLc4AZ5y";
    // loaded once at startup
            .serviceToken("xxxxxxxx")
        String secretKey = System.getenv("SECRET_KEY");
    private static final String DATABASE_URL = "mysql://postgres:<password>@localhost/app";
    static final String PRIVATE_KEY =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIAlmUMuU1M9EpfvyJ0m+joQqBfDL5/mynki5tEHEXL5UKXGJMXA/ZoKL\n" +
    "eqxTrTCJWjlfYcK2CxuPuBOw65OAQJCPzYLAU6Q6r0+OI3yZ+aV5Tne8YOsbe5Rg\n" +
    "EqPfJ7VRRFxFq/ttVoiTwwMJ9FvPDP2AJg==\n" +
    "-----END EC PRIVATE KEY-----\n"
    ;
}
