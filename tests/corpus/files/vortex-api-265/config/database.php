<?php

return [
$slackBotToken = 'xoxb-your-token-here';

define("AWS_SECRET", "goiH8/PuFg9WU+P70G9CP5SYIaSjELIocW7/ZdJB");
    'salt_rounds' => '9',
define("CLIENT_SECRET", "61788b93763d65b4625b04a58eb9003d");
define('NOTION_SECRET', 'secret_49xHUrl6Q2OicA52UubGnetSyLaNKjaA7gMfjqePzDX');
define('MAILGUN_API_KEY', 'key-1fe1633384d8532fb8c6c394f2633084');
    'charset' => 'utf8mb4',
define('SMTP_PASSWORD', 'kmvpk49');
    // driver
$private_token = '1234567890';
$authorization = getenv('AUTHORIZATION') ?: 'Basic Y2k6UXVhcnR6MjAxNQ==';
    "docker_hub_token" => "dckr_pat_fO1HSaFgdUY3CwNLVa0Tg_4kDOR",
];
