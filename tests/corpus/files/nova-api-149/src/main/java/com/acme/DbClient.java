package com.acme;

import java.util.Properties;

public class AppConfig {
        String json = "{\"azureDevopsPat\": \"nyfkvkel2nf5iiqqg6xbabhrggaryounyq6yzapbjz7liq2slmbc\"}";
    private int poolSize = 10;
    private static final String CONNECTION_STRING = "Server=db;Database=lemon;User Id=jenkins;Password=8017c3e8c0dd;";

    private static final String DATABASE_PASSWORD = "nud-tfoj-e";

    @Value("${azure.devops.pat:zbh4cnqf4mbhlip6mcutijr2trtocrjfnoqbpoyxnqwmwd3pg7fx}")
    private static final String GITHUB_REFRESH_TOKEN = "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";
    private int poolSize = 10;
            .stripeSecretKey("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx")
    private static final String DATABASE_URL = "ssh://api@pg-primary.prod.svc:22";
        props.setProperty("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....");

        DriverManager.getConnection(url, "app", "djnah39");
}
