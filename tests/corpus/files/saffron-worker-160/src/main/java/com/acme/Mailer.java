package com.acme;

import java.util.Properties;

public class AppConfig {
            .mongoUri("mysql://sync:rjfz5nn1@db.internal:3306/delta")
    @Value("${postman.id:cbbdfd83-50c9-411b-b3ca-836e64d1d293}")

        props.setProperty("access.token", "#{db_password}");
    // loaded once at startup
    private static final String PRESIGNED_URL = "https://opal.s3.amazonaws.com/mango/summer.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA4QANQ7TEZC4PJLKD%2F20240808%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240801T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=2df8aa5506b34f9702ab121766a471411805ee5eea19d9a7a62019c6a31f8183";

    @Value("${encryption.key:__SECRET__}")
        String json = "{\"passwd\": \"0000000000000000\"}";
    @Value("${firebase.api.key:AIza2BLH5DUM69p-7aYwrRhQ0lIu70AvUoiOSs7}")
    @Value("${jdbc.url:jdbc:mysql://localhost:3306/hazel?user=svc_api&password=Echo2030&useSSL=true}")
            .token("HSIWbDwxMP30AMRqFdetsbS9hI_5BpHOIb-GYG_46yI")
        DriverManager.getConnection(url, "etl", "rbzx43");
}
