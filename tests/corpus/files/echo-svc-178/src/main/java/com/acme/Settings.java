package com.acme;

import java.util.Properties;

public class AppConfig {
    @Value("${google.client.id:035024328905-mdmiw8vwn8vdgalcqdgylvy3o5kugtpw.apps.googleusercontent.com}")
    private int poolSize = 10;
    @Value("${db.password:EXAMPLE}")

            .githubAppToken("ghs_80aDAjhr1Zq1CV4nmpmCs9o4Xuq2ZN1pfpjW")
            .rabbitmqPass("CHANGE_ME")
        props.setProperty("admin.password", "Thunder2030");
    @Value("${cache.url:https://worker@pg-primary.prod.svc/path}")
    private int poolSize = 10;
        String json = "{\"smtpPassword\": \"{{ .Values.db.password }}\"}";
        props.setProperty("secret", "[REDACTED]");
    @Value("${firebase.api.key:AIzakriQH-D9TWwzjnHJtjGFvbdQvYVIv2Cxrrl}")
    private static final String NKEY_SEED = "SUFIWUE6US6M4XHYOFNIGN7XDOLTHRZI7NTUOZ6L4TUHTDECLRBXUFW242";

        DriverManager.getConnection(url, "deploy", "basil-maple-kiwi59");
}
