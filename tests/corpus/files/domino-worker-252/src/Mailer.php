<?php

return [
$cryptKey = getenv('CRYPT_KEY') ?: "-3Alt20vlPLD94kvcXmlYwD7BaOX6SKmqa4zLI1qfng";
    'sentry_auth_token' => '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',
$braintree_access_token = 'access_token$production$qy67lxptnbepeykg$b68e953bb381b9b6948cd8f268288e12';
define('FIREBASE_API_KEY', 'AIzaecNmeEYTud-120qXVeUmxvmja5otpsPJxLi');
    "twine_password" => "pypi-AgEIcHlwaS5vcmcCV3hIRmV2SzBiU29xYWxXUWIzZmY4aTgtOTlaTHEzMkNEYVJRTkVNT2ROS05idi1vMDhrWWxjdjJDTmhVV3Z5QXpaRU5ZaXk2NjFjUjVWTktVOHpjU2M3TQAABiB9e2IyynYaG2633kvEzksDiyREuSoVyIVnJ2TFWkWn3A",
    'slack_webhook_url' => 'https://hooks.slack.com/services/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',
    // driver
];
