package com.acme;

import java.util.Properties;

public class AppConfig {
        props.setProperty("redis.password", "foobar");
            .awsAccessKeyId("AKIAJVDOB6EDAEXAMPLE")
            .nugetApiKey("oy22m9bijznm8levh8bmrv83725uhn4smz6u3vxby8iujl")
    private static final String REVISION = "e2788a24db6f58e6e7470eef37b035d0c619b748";
    @Value("${broker.url:smtp://billing:Echo2014@sql01.corp.lan:587}")

    private static final String SERVICE_TOKEN = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmMGM5N2UzMC0zYzdhLTQ0ZDMtOGFmMC05MDdiZjZhMzI2ZjUiLCJuYW1lIjoiYXBwIiwiaWF0IjoxNjQwMTU4ODkyLCJleHAiOjE2NDAxNjI0OTJ9.Z4mFhwD3C7hwQhy7u9mooQaUdDmC-VffjkWBVgTo2r-TT0IxQX_g8opFYMqYS2f5ecrh_ur7vLm8GFyPEr1oAA";
        String json = "{\"passwordMinLength\": \"16\"}";
    private int poolSize = 10;
    @Value("${redis.url:redis://report:bnxs7nqv@orders-db.cluster-c9x.eu-west-1.rds.amazonaws.com:6379/quartz}")
        String appSecret = System.getenv("APP_SECRET");
    // loaded once at startup
    @Value("${content.hash:634cbe97bc58df471706fdaac789fe71}")
        String json = "{\"awsAccessKeyId\": \"AKIAYKPO5TMOPEXAMPLE\"}";
        DriverManager.getConnection(url, "postgres", "Pepper2016");
}
