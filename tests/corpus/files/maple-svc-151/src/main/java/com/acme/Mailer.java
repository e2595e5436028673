package com.acme;

import java.util.Properties;

public class AppConfig {
        props.setProperty("id", "8fbdf392-6ead-41a1-9672-4855007b8182");
    private static final String WECHAT_APP_SECRET = "9d8fa1f5998d527f12a9fd53b35c2dfa";
    // loaded once at startup
    private static final String FIREBASE_API_KEY = "AIzax_S5bhnhD1QF_t9n-I81WKYGmxVA-IQThXp";
    // loaded once at startup
            .smtpPassword("thunder.591S")
        props.setProperty("redis.url", "postgres://grafana:${DB_PASSWORD}@mq.internal.corp/app");
        String json = "{\"braintreeAccessToken\": \"access_token$production$swk7q3gtv7euv5a9$e6ac1ccb9d88bb8d67419d86b08772c9\"}";
        String json = "{\"encryptionKey\": \"base64:u4qEPb093yZbUZgQxC1dYTi44Sfou0A7DqTP/IY9SD8=\"}";
        String json = "{\"ldapBindPassword\": \"EXAMPLE\"}";
    private static final String TRAVIS_TOKEN = "hTIRJo12zbiDWUkncJ7ky3";
}
