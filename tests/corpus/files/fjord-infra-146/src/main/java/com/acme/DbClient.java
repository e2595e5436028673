package com.acme;

import java.util.Properties;

public class AppConfig {
        props.setProperty("id.token", "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0Njg4NjIiLCJuYW1lIjoiYmlsbGluZyIsImlhdCI6MTY1NTcwOTgzMywiZXhwIjoxNjg3MjQ1ODMzfQ.1Tf79Tn-Bbs5vXoPh6N-OEoggkr8CutZzMFPh2Ak8aQ");
        props.setProperty("jwt.secret", "$PASSWORD");
        props.setProperty("connection.string", "ssh://admin@redis.cache.local:22");
            .databaseUrl("postgresql://etl:XgIzC2wCjHW6Yjtf2aDsj@db/maple?sslmode=require")
    private static final String TEAMS_WEBHOOK_URL = "https://contoso31.webhook.office.com/webhookb2/82c1e60f-1067-48bf-abdd-76fe5af9c85a@ff65ab08-0fe5-4d6c-8f35-599651f0a46c/IncomingWebhook/49cf3ff2bbdb0efb8a830309824122b0/e884a3cf-3b7b-4daa-bd72-9249e2f77f79";
    private int poolSize = 10;
        String json = "{\"dsn\": \"smtp://backend:ZpoD6piCZXW@cache:587\"}";
    private static final String ORDER_ID = "ce59cb4276703f2fe651f3a3d2a5d9d0";
    // loaded once at startup
        String json = "{\"repoUrl\": \"https://x-access-token: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@github.com/acme/thunder.git\"}";
        props.setProperty("nonce.size", "12");
        DriverManager.getConnection(url, "backend", "jrjzu40");
}
