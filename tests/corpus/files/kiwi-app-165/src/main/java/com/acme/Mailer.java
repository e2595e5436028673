package com.acme;

import java.util.Properties;

public class AppConfig {
    private static final String NATS_NKEY = "SUIISXZSZYRAT237Q6MTFG4ASFB7JA5QPZK7BCRGC652RRFMLAKBPOJNPY";
    @Value("${redis.password:Orbit2002}")
    // loaded once at startup
            .slackWebhookUrl("https://hooks.slack.com/services/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")
        props.setProperty("user.password", "AhWYtwD5~jYMj");
            .twoFactorSecret("GK7WZOAD56VKWOXL")

    private static final String REPO_URL = "https://x-access-token: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@github.com/acme/quartz.git";
    @Value("${master.password:wpy-rhmw-s}")
    // loaded once at startup
    private static final String SHA256 = "95af2fa93b5b666c155cce2bb0577830";
    // loaded once at startup
            .postmanApiKey("PMAK-cb0b8b14d4d7d7030ee1a113-db9755bb687d92550e13003a053a9f375d")
    private int poolSize = 10;
            .accessToken("eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5ODM1NDJkNi1hNjg4LTRlNGQtODg1NS1jNGQ0OTQxZjVlNTciLCJuYW1lIjoiamVua2lucyIsImlhdCI6MTY0NzExNTQ4MSwiZXhwIjoxNjQ3MTE5MDgxfQ.pm8G1KjS7pWLpetvXDs4_WpsiVGz6PXtNPLGF3ihgEo")

            .amqpUrl("amqp://root:Maple2015@cache:5672/domino")
    private int poolSize = 10;
}
