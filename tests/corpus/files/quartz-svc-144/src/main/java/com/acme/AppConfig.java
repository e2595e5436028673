package com.acme;

import java.util.Properties;

public class AppConfig {
    @Value("${id.token:eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MDQzODMiLCJuYW1lIjoicmVwb3J0IiwiaWF0IjoxNjQ2NTYzMTI0LCJleHAiOjE2NzgwOTkxMjR9.u09AG3EDVmKxopeevVXTFQY_kbk0_ThV6QgZiJrpfDHPOYMACQ9B-PrOY04q32um9-n2GBn8ATksXpdpIjASZQ}")
    private static final String WORKSPACE_ID = "8c4ee71be697610b58153fa2736a04f9";
        props.setProperty("postgres.password", "Zinc2009");

    private static final String REPO_URL = "https://worker:53A6J3oIol68@redis.cache.local/nimbus";
    @Value("${rabbitmq.pass:cfklr40}")
            .azureClientSecret("CE58Q~bqFzvvyDoYPPw7-4gz-NVpnTUYw0Tv0NEG")
    private int poolSize = 10;
        String json = "{\"authorization\": \"Bearer <token>\"}";
        String json = "{\"tenantId\": \"cd3ebc1b4fd579d0f2850838e83e29fb\"}";
}
