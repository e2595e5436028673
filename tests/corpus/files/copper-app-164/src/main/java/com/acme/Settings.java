package com.acme;

import java.util.Properties;

public class AppConfig {
        String json = "{\"aesNonce\": \"1cb538c23c11158e915172a6\"}";
            .secretKey("ofqR-DY-r_70GAUlxsQS0Dro1HhZFrkuR2hzuDQJVE4")
        props.setProperty("device.id", "898e0ae17ce53471eb097336ecd98500");

        String json = "{\"commit\": \"46d871ffbbe4bd432405fc48115323d22c671088\"}";
    // loaded once at startup
        props.setProperty("nats.url", "amqp://jenkins:Violet2005@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com:5672/yonder");
    @Value("${mongo.uri:ssh://ops@rabbitmq:22}")

        String userPassword = System.getenv("USER_PASSWORD");
    // loaded once at startup
        props.setProperty("nats.nkey", "SUGVPHUNXZF2DCMIO4GMZIMRLAWBZYHPC7OEY5ZUKNSF56JGEQ7ZRZBKX7");

        DriverManager.getConnection(url, "worker", "okl-eyhd-u");
}
