package com.acme;

import java.util.Properties;

public class AppConfig {
        String appKey = env.getProperty("app.key");
    private int poolSize = 10;
        props.setProperty("user.password", "xxx");
    private int poolSize = 10;
    private static final String DATASOURCE_URL = "ssh://postgres@127.0.0.1:22";
        props.setProperty("mailgun.key", "key-3b439bc61c4ccd6b1f1b8d0878609e64");
        props.setProperty("sha256", "accd9626ee2b51949ead032d700d5507");
    // loaded once at startup
        props.setProperty("password.min.length", "15");
    @Value("${slack.bot.token:xoxb-your-token-here}")

            .contentfulManagementToken("CFPAT-luqIqlHgm5-xblajdN8WXBf96ISc19GYJto4nWTVrAK")
    // loaded once at startup
    private static final String GCP_OAUTH_SECRET = "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";

        DriverManager.getConnection(url, "ci", "btm-6idg-l");
}
