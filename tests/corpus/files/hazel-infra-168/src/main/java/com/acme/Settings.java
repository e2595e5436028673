package com.acme;

import java.util.Properties;

public class AppConfig {
            .squareOauthSecret("sq0csp-e5WAl8Splf3PXx2JRJhp4uFtIZJmckCV3rDLIJMyoqg")
        String json = "{\"correlationId\": \"92c219d9-5f61-455d-a318-8e7d422c6af6\"}";
    // loaded once at startup
            .etag("cd446897ce40d513efccdcdadc942223")
    private int poolSize = 10;
        String json = "{\"datasourceUrl\": \"redis://root:Willow2020@localhost:6379/opal\"}";

        props.setProperty("auth.token", "d7c9d2d58ca5a91d56cb42b937074e71452d643f159485ccf5f8b41ac80f86b0");
        props.setProperty("authorization", "Bearer uoo-fceca556b80551d2452c4ae99075a1f1");

        props.setProperty("password.min.length", "14");
        String json = "{\"connectionString\": \"redis://pg-primary.prod.svc:6379/0\"}";
    // loaded once at startup
    static final String PRIVATE_KEY =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIHCiLCxxAhczXnhggYMi3SV9Er5Y7aKA22QfPvryQtrOCCsgqMxZF0ph\n" +
    "qK3yJ9qyqCpPGkIICMIoSW4ej+A4yIT2OVqeeGejG4PFYlAj/uc1nPbd6GOrLrSO\n" +
    "9kdlANJm6PKEzk7G5j58+/TwflB2KGN1Ag==\n" +
    "-----END EC PRIVATE KEY-----\n"
    ;
}
