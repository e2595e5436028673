<?php

return [
define('ARTIFACTORY_API_KEY', 'AKCpk2uEy9jdoxrWXB2SL7Sxa6PCo3tr6mJfIb8db79l53SpqB5SBB1Din1CqWEy9xoamoBhd');

$databasePassword = config('database_password');

define('APP_KEY', 'not-a-real-secret');
    'mail_pass' => '8735ab',
$bitbucketAppPassword = getenv('BITBUCKET_APP_PASSWORD') ?: 'ATBBLgOCVwE39QwohZNbDuD4RNaRf0w3Tu5j70181DAE';
    // driver
    'authorization' => 'Basic <base64(user:password)>',
$orderId = getenv('ORDER_ID') ?: '2c570af97843b2480769fc925edf5d7d';
    "stripe_restricted_key" => "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",

$service_token = 'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4OTIyMzAiLCJuYW1lIjoiYW5hbHl0aWNzIiwiaWF0IjoxNjgxNTcxODYzLCJleHAiOjE3MTMxMDc4NjN9.oSGjMTnjsqfs2RIhyVP4R0yGVEo9R2AGLG5pkrhdjtIF_T55jLrZgoR93iSMuHDnvaf3YRTbPjlM_k0qlmCF-w';
];
$privateKey =
    "-----BEGIN PRIVATE KEY-----\n" .
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgiKFQ+3sGZWcC3bDbdUljFC1HPy7yx\n" .
    "u71upZpJ21BXH3t9D/SGbfOQYxhu3l6+LGoplOJa9SZoEw1GvDWMIOGPi7POTAiz\n" .
    "rGeRfMJIqModxVtNeFhwx6LxuNrzyj446148rC0Qol7LSBO+EdQqH7Asx+ZDyR6P\n" .
    "DRELvnqIEeaMIFQ9QpSVKSNo4AbAVWEEQOazUo5i74JpjfJQWfPgKhfxSqFKDnbm\n" .
    "bpjwpo9V7CtzNMnqWCENRvwWOetRkKuuB05RKHP6rtCqWDKpfpHcb3hi06WmakR3\n" .
    "8qrQxNrerXMTZCpNTVr2UMUYs/0S8Lp8qH59r7LYy15V3rbZeSsKig8W7Nw+FtV6\n" .
    "hw6Qj1//QY65/+RbmuufVMBzLbPZ1WLkDhthcFZJB2FEYtuc/rEZf8A6YVXzBLcW\n" .
    "PqK+fEk14hXWqS4pUwxQ581E67qnM7F3aH1PlAdslRlZoPIIUV0q7OBfMbRs3jie\n" .
    "WBinIZy6X2iz6fl5X2Ud3s1ebTm308HDZG5ArGYjwzbFFN4G+s8Zj7vp9vND5M/p\n" .
    "KjfkWiCe7sLlBn/sdVI8npvYHvNvhzGbBNy9Mj3rARy2OFA7l6SE0N4pwtOYKlu9\n" .
    "KjCddHND4cgFiyuKbdj1gelkVjlbaemnTgXrpwC8NLhaILsVUql800BpFZY183cY\n" .
    "Q6TzmFAwD6uwQEZekWX1QR9pF9YrO6xQTUqf1EAgGI676OjAsG0CN8u6ndvYdvoO\n" .
    "BuNB/ZMxJcCjVYAbRG/0KenwaMkX/O+TXqN+WsszrAbmVJWJyYPjnvZNd9So1G9J\n" .
    "dN38Zatz8qhHIzBg8KffBJDlw8LbsDtZJ65YDs8ig/fhQKR944y64qKA2YmLWJJt\n" .
    "lqJrBwxGdIA7hbPSzeqcaHBrnk97+s4gZfHbyxZL3l4gqG3jLaSHMCqs50FFby8b\n" .
    "T1M/Hg/y8UAgcUdfhmwYstBQuaeaPkRCunP2AIs5xjXlmWBj7QXT1EhhzBnfrc/0\n" .
    "UH0kXztYRh+IlNDGxBdCt6J9sYsbU5vCxX8yAMgaYPbn6B30/21AoGnxIwjLyGY0\n" .
    "R78EYOUUBNY/GSOQvB1/zEZzZiiwM+W+TmKowv3bbnfyZunJFDB6TbWfKNx4OwZI\n" .
    "X5xQ6BP13LXJQIKcYjFan/2orIzkzy9ONYt3xMPRg0D0JWi+gjlMeJP0FEjk6NQ5\n" .
    "yM1qzkfbpw8Nf+FwSCQbEhn9ndJdcbcfCtuOwPliXvhm39UKjKWj0PhSWtg8jXjY\n" .
    "0f1ekEE3VWh9BGQNg0LlpMZaeq+YSORx0QSIX/UOxpoYxu1iLdO/A4LnnazhJi4q\n" .
    "+sMc/0FLyfcRWkyBj33qAIt+f+2agR3AO+hzRNaZQKunD70OPeMT1p2H+SW85zu2\n" .
    "eTjUbk8EezR8oJFIgIx7mdJAFOtatMYbL3UK9TBrf8cTPPjeoTxOjXyT6npU8ewG\n" .
    "oeuC07Pum/rpWZDDpAdYibEQsPHUB272UfbbtLDarXBTI1nZb/LGAbafZVDoAr4A\n" .
    "4mryxffkPLiRviit0kvYHnlhT1nLvopJZ9uIOkgF+uw82Qcm812sk9UHPTTiqcDx\n" .
    "fDqGpI0p3BGZaax/rg8tFu9k\n" .
    "-----END PRIVATE KEY-----\n"
;
