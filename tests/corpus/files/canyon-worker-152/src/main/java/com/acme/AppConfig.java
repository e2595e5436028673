package com.acme;

import java.util.Properties;

public class AppConfig {
        props.setProperty("master.key", "dK4vaQ06hl26gDTd2eZ0cpfpVKwUw");
    private int poolSize = 10;
        props.setProperty("git.sha", "3f18f2bbc3fdd8f8f1832e5ef06a5ad494faba1becc18745cbf5768f0cb30eff");

    private static final String DB_URL = "redis://sync:bkzxv0wx@db:6379/cobalt";
    @Value("${git.sha:5dcf9678ada6cb44b042539f3a72337a}")
            .saltRounds("8")

    private static final String DB_PASSWORD = "pepper-harbor-cobalt24";
    @Value("${trigger.token:glptt-a6c41d5edd18c46ef92c843a3b58c9e54909cfa4}")
    @Value("${sha256:6488a77f21ffe40710e8ef2d3591c659e61d3382}")
        String json = "{\"encryptedData\": \"AgBMxqCcpMxYhnEGtXoQUSLEHSH/OTXpNGtyJy0vdbsAeKu6xMtRDJIb8sEhxMVo/7RXYzrne5pUKJ++Bqh4zINCylHop+brwQCeBWSuGIo3gaUNsLR0F3Hic+9hEVAB/i+VCcnmMMzYuEojaHK4sm2ci0Oj2GVvEC6RKNlzLX+fy6hc5t7s0kyi33CjJx6cdWKJheEWZ7vEpKwqzTEJmd3gaZYxF9ReQL19cg3PyX16NpigbpJ\"}";
    // loaded once at startup
        String json = "{\"connectionString\": \"amqp://root:6uTU9HF70QYgfvzIR@sql01.corp.lan:5672/nimbus\"}";
}
