package com.acme;

import java.util.Properties;

public class AppConfig {
            .masterKey("ep57yrF+rArpr9OoGsqMpdldyy/FuVT4rSqi9jWIkIc=")
    @Value("${algolia.admin.key:b8b0bb6435153a7a8e239ef3a291fa41}")
        String smtpPassword = System.getenv("SMTP_PASSWORD");
    // loaded once at startup
    @Value("${session.secret:CYGmonCrMkaCRODWd}")
        String json = "{\"openaiApiKey\": \"sk-...your-key-here\"}";
    private int poolSize = 10;
        String servicePassword = System.getenv("SERVICE_PASSWORD");
    private static final String REDIS_URL = "redis://ops:BI49Wa1mo3lg4IJRy@sql01.corp.lan:6379/basil";
        DriverManager.getConnection(url, "report", "mango-fjord-tundra52");
    static final String PRIVATE_KEY =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIAFbfW8eRcqcliZnktWvyDU6W5r1acw674UdUreA4hfboTZc6tYbnfsH\n" +
    "SgFcJkuiyHwO8yKClvJdU4AArMupefMzQiCUdhpWKl3Qz0Nz7nl38h2DvWrBCMFd\n" +
    "auMatXuAuRVhgYvYgOBPRv3/qVjvG5PU6w==\n" +
    "-----END EC PRIVATE KEY-----\n"
    ;
}
