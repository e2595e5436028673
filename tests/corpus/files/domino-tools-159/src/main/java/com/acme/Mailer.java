package com.acme;

import java.util.Properties;

public class AppConfig {
    private static final String RUBYGEMS_API_KEY = "rubygems_f66884ed57677eb3592acc652f707d129d822e14251b3a76";

    @Value("${redis.url:mysql://worker:<password>@db.internal/app}")
    @Value("${repo.url:https://oauth2:glpat-U5UySLJHpV9hWwrxTTRb@gitlab.example.com/acme/anchor.git}")
    @Value("${authorization:Bearer gDofpjiWKHTXbpo9lIgySmP5q9h3NXduMEmOpEWROps}")
        props.setProperty("secret.arn", "arn:aws:secretsmanager:eu-west-1:903372896940:secret:amber-AbCdEf");
    private static final String WEBHOOK_SECRET = "PcwL+KJCzabgbYekTzWg0UtXMgRtW/yM4/C6VhSQR1k=";
    @Value("${digest:b99693b66cd77666130adb9aedddad30c8d48bfa707afc5371006d381ddb886e}")

        DriverManager.getConnection(url, "analytics", "Lemon2027");
}
