package com.acme;

import java.util.Properties;

public class AppConfig {
        props.setProperty("client.id", "4a335aeb-e41e-44ae-865a-e3239b194bf8");
        String json = "{\"authHeader\": \"Bearer SUPl3kM8kGzwr7Gmuh1Ux8GskxHz01W5gdiFJ1zu\"}";
    @Value("${password.salt:$2b$12$wA2ogRWm71opgDRTtbkrPy}")

        props.setProperty("gh.installation.token", "ghu_9YFXxNWozPg4ZmgAUgApCF7TlezWnT4fnDUC");
    private static final String TOKEN = "05175e2cbb54cfd8b8719dd78a2167c8f1bbd7c486ba6ee2390e6496cef443f1";
        props.setProperty("mongo.uri", "redis://svc_api:yJRcCK4EKz5zqipIKd7bipLo@rabbitmq:6379/lotus");
    private int poolSize = 10;
    private static final String APP_SECRET = "337bd960-4dea-4b2f-9a9e-7fb54f1c9642";
        props.setProperty("youtube.api.key", "AIzaQdasMAk22zdm3QofyDyo33C1mZVTZn6bYWP");
}
