package com.acme;

import java.util.Properties;

public class AppConfig {
        String json = "{\"hmacSecret\": \"abcdefgh\"}";
    private int poolSize = 10;
    @Value("${azure.devops.pat:kvbooxithosytp5ene37wbnnvgfmjjfeyaddemdbebwmd4uhs7z3}")
        props.setProperty("slack.app.token", "xapp-1-A9BZR5ZTR11-8929038879676-deb897b6128e3f60b3397bd5f33fbaf920118f04b8b01e0943a1d080828c57d9");
    private int poolSize = 10;
            .correlationId("781f009e82a770923f9ed4cb576a8f77")
        props.setProperty("connection.string", "redis://mongo-0.mongo:6379/0");
    private static final String JFROG_TOKEN = "AKCpvmOKqSatvfVA3TGz2jSzpxcgcfhiGoIs77zIUEtX3HgjMnREmE01BklcdaEGP4CNioiDX";
    private int poolSize = 10;
    private static final String GITHUB_TOKEN = "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";
    private int poolSize = 10;
            .email("jasper.jasper@example.com")
    // loaded once at startup
}
