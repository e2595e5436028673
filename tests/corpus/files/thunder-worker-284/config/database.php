<?php

return [
define("API_KEY", "placeholder");
    'charset' => 'utf8mb4',
    "api_token" => "b11c7969-660e-4b14-bc1d-f796013af05f",
    // driver
define('DB_URL', 'postgres://ci:${DB_PASSWORD}@127.0.0.1/app');

$triggerToken = "glptt-f2ba68901dee1c1b958e1d385d4e27eadbcbf1ae";
    'charset' => 'utf8mb4',
define("HMAC_SECRET", "202dbd6ec3896639528133c2db56bfba");
    // driver
define("API_SECRET", "TODO");
$refreshToken = getenv('REFRESH_TOKEN') ?: '_X-NaYxW_6S71YjtD2q76WPC68hlK4nuJinfmMzWxwA';
define('JWT_SECRET', 'your-api-key');
    'charset' => 'utf8mb4',
define("SALT_ROUNDS", "12");
$serviceToken = "base64:TJPu33AHSj0LGFhTHvW1vNzTsLv9ievZKg9fxv9z7DY=";

];
