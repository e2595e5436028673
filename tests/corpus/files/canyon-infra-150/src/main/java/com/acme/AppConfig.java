package com.acme;

import java.util.Properties;

public class AppConfig {
        props.setProperty("master.password", "dragon.267K");
    @Value("${md5:1b2af2d9ce861fade7688f7f6c715d5d}")
    private int poolSize = 10;
            .ldapBindPassword("32ccb0bd7642")
    private int poolSize = 10;
        props.setProperty("github.oauth.token", "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");
    private static final String KEYSTORE_PASSWORD = "jmw-jgqw-l";
        String json = "{\"awsAccessKeyId\": \"AKIAZHRBIPDBSEXAMPLE\"}";
            .azureClientSecret("J7C8Q~nzNrcSzRHDHD~uVEk32clf-PF1blrcOMaF")
    static final String PRIVATE_KEY =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEICSdUpFNKMSf0o/L7d15VQ8H4yOvoWkJ/7x1AGcekAfG9SBQLfC9cOma\n" +
    "XRhLQ8IhkFVJTdXsyMkryktLoIDKR9Q6LEsVMiYnldnEvG/DOEw9/DDeCCi9ADno\n" +
    "QZ1Jkv0ynEs02xNe/kPYmi4L6L5l8heL6Q==\n" +
    "-----END EC PRIVATE KEY-----\n"
    ;
}
