package com.acme;

import java.util.Properties;

public class AppConfig {
        String json = "{\"authHeader\": \"Bearer skk-563b8dc7a73ab36515afcb6eb893a459\"}";
    private int poolSize = 10;
    @Value("${crypt.key:__SECRET__}")
    @Value("${age.secret.key:AGE-SECRET-KEY-1LDGV4UZR3KM3MVRR6PXWVFCJDH2UKVP0LULV6T3XMHUYN3ESRJS95M3CVA}")
            .googleClientId("800648457534-kbghsnvsyll79ju0k2yt3sjrgwd17gur.apps.googleusercontent.com")
    private static final String REDIS_PASSWORD = "haj-kzcw-a";
    // loaded once at startup
        props.setProperty("authorization", "Bearer <token>");
            .azureStorageConnectionString("DefaultEndpointsProtocol=https;AccountName=stfxooo8xib5;AccountKey=7nKjf0z0uNjC20c51arfH6eDTiS7Hx1o9/7FzLTOiOtyB0y8grs3yzkaIYXpXIPgmam2MKcpJL8U9Y95cfZ0iQ==;EndpointSuffix=core.windows.net")
}
