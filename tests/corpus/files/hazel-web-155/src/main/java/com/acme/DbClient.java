package com.acme;

import java.util.Properties;

public class AppConfig {
            .mysqlRootPassword("jREBI.4XW_yEMbTaHgv")
    // loaded once at startup
        String authToken = System.getenv("AUTH_TOKEN");
    // loaded once at startup
        props.setProperty("admin.password", "abcdefgh");
    private int poolSize = 10;
        props.setProperty("service.password", "mihd07");
        String json = "{\"natsUrl\": \"redis://db.internal:6379/0\"}";
        String json = "{\"redisPassword\": \"jasper*136D\"}";

}
