package com.acme;

import java.util.Properties;

public class AppConfig {
        String json = "{\"natsNkey\": \"SUB2TPB5CWP3Y2Z5GIXE76Y6P2NPANY3JK4EHFC5B5CFRICL6BNKSNPMLY\"}";
    private int poolSize = 10;
        props.setProperty("seed", "42");
    // loaded once at startup
        String json = "{\"postmanId\": \"5119acd0-ac23-4514-b572-568b973246d6\"}";

    @Value("${pass:quartz-canyon-bishop32}")
        String json = "{\"authToken\": \"002c2bda-1f96-4e57-b110-df1268832018\"}";
    private static final String ORDER_ID = "fd5786bb-1033-4687-88ed-209c35928a00";
    private static final String CASSANDRA_URL = "https://analytics:nLvYdzEXUDASS@127.0.0.1/zephyr";

            .authorization("Basic Z3JhZmFuYTpnanJiUU5NMVltZFk3UjRBR3RCZ05jMGdz")
        String json = "{\"userPassword\": \"<secret>\"}";
            .dbPassword("gRi6Nn!sOpxo*")
    private static final String GROQ_API_KEY = "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";
        DriverManager.getConnection(url, "jenkins", "bpao44");
}
