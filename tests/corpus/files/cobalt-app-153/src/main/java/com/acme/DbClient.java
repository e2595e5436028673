package com.acme;

import java.util.Properties;

public class AppConfig {
        props.setProperty("session.secret", "VVdcSlk9TVi0322NCaIPKBswp6WzPc1i-DUlnADW_B4");

            .arn("arn:aws:iam::105577054477:role/summer-deploy")

            .secret("{{ .Values.db.password }}")

            .stripeWebhookSecret("whsec_PNiTFQ7nDwjnG6Ve0K0mY4FnEB0xZTzu")
        String json = "{\"nonceSize\": \"12\"}";
        String json = "{\"wechatAppSecret\": \"b8f740a3d5b6bc8c11988eac2de52bc8\"}";
            .smtpPassword("violet*657M")
    @Value("${datasource.url:postgres://mailer:${DB_PASSWORD}@mq.internal.corp/app}")
        DriverManager.getConnection(url, "report", "88d44231");
}
