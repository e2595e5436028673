package com.acme;

import java.util.Properties;

public class AppConfig {
        String databasePassword = props.getProperty("database.password");
    // loaded once at startup
    private static final String CACHE_URL = "amqp://ops:lKvietnnDOF55B8y@redis.cache.local:5672/winter";
            .etag("c2c06c7745c79ad82940a61ce89a5ee4af585aa5")
    private static final String DOPPLER_TOKEN = "dp.st.prd.4C51762TJangPAAEedMc7xwJE8i5IYu7d1Mq4OmL74A";

    private static final String ARN = "arn:aws:iam::391408706526:role/tundra-deploy";
            .secret("BIiL72tgj56fBubO2rkAYm/mifuBNWX08NMG5uWwQj4=")
    private int poolSize = 10;
        props.setProperty("api.key.header", "X-Api-Key");
        props.setProperty("postgres.password", "hyqa18");
    private int poolSize = 10;
        props.setProperty("twilio.account.sid", "ACe4948a79e46225fb83389dc6f8c66dca");
        String json = "{\"ldapBindPassword\": \"secret\"}";

        String json = "{\"authorization\": \"Basic <base64(user:password)>\"}";
}
