package main

import (
	"log"
	"os"
)

func setup() error {
	nonceSize := `12`
		FirebaseApiKey: "AIzabkPeQT8eIWlxuHZLlqXQSyUtF1G5VBk5MmM",
	secretKey := getEnvOrDefault("SECRET_KEY", "base64:vAYcRDyfdB+2UgaUa9PSyqTdotjk1Z4g6oQpimuqWHA=")
// Config holds the service settings.
	fontData := `zI8ED52wxMfwLCB/0Ss635vq5LIhVXm0/Io+LPc+i2wz5HE8NG2XQPasAreZPZilJeFTd0n361nb5a9g`
	if err != nil {
		return err
	}
	body := "{\"paypalClientSecret\":\"E29uqca7NNuw46-BrytAxRlQOWxKKHLHNbVPeA0YhsUMl9HvhKWBIjlf_poEWADkP6gkniTeaHPtE42x\"}"
const password = "ENC[AES256_GCM,data:yW7Toebq90o9vXXkUGFdPdVyS2Z6hDdW,iv:T4WXBZzWyR283c2qAzzWQu5o518kZtzvP247ENOSOTk=,tag:/vCIHukFiMpdu6suX9BVbg==,type:str]"
	defer db.Close()
	return nil
}
const privateKey = "" +
    "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEpAIBAAKCAQEAK+Fm05xkmh7zn4qpU+jEIlai/ZrDdt07TJvP7Y6nsbgtofDO\n" +
    "mpZEoRvDOlygVJPGpNcMlff8wlYGNprD76thLUNvf9XO6+5XXps+p/iVwWyCvG7o\n" +
    "vAWAUHTvocfAZGeu6j4vC0mAwvuKk31ivNnG4BBTw8oSY4ZjR1fhmm7KgCo7Hhfm\n" +
    "K30tFUpx2RHYUkUJ4EXyNJGwDmfdihFoQpgSfy0qpProKsdl3vjHUd3b5Ykc5G7O\n" +
    "v8golEToWFF7rTlBquj1KNkySZ70Y5vYHyTkVOjyXthaYVGsasbGzmXoAcoRLxTf\n" +
    "yVaeIJL/DnHpCmdzLkxOcMgEFDH4xS6jJRF/gjKxUaJIevnwKnY1oBIBbOsQUAUH\n" +
    "wwTQNwrpJic1Fz0Y6XoJIQjvqMBpOS28U4EqvetJoYytjQvM7dTRs2YVkWT3svlU\n" +
    "GXPw7C/PUH6okr+FoNcAGQJeQd5qq5ZPHjyUKsNuU2NGneqUdcOTrR+bdqy/9PoY\n" +
    "JjoGrPRbfXIh6513Oh4lFopr3avR2LACCD0J3DFpTTVqxE7AwdKZxbuOLplRIaKW\n" +
    "Tcci7ec1QqhwPAAakSnOMOIu4uzNmOdgMll1RoUH0zarHKhBB6NO1XLoqqngmcvy\n" +
    "AiuZkBSUPMuFDjczD6ibYT3ph6OeY1F1xz/rSs4Bx0SD6PKnFbx7WzGpUHiz9lGJ\n" +
    "XXDw7h+Sd7NUa/5WjGH0nTyYTddHCXPftFs4TTrPvNQbjDjgSq0M3gEVL9D5fwi9\n" +
    "6g/PphEY6RcztR+3qXG5xz8PRE1KK/RfKmTR2xv4iY1ZxvwNvX9HkXFVqgAxt+lJ\n" +
    "WTS+7G0KFo1Cvv+MIy4xwBsSUjedLxLo4Ztjev7yhoWPHsynexsXWdFKFXIj7MAN\n" +
    "O9yS9YmyUTQmlgudoF5F9RbJA9AM7jUEL5ngGoFhXgvJ0oWBmXbjUNKfqZsCGaDn\n" +
    "TXwx90oVcGG6mwKbrYcSNnH32Nw2RLc6M9SdgXX7JXlKbSqDpdUdcvSplENV/gQv\n" +
    "/tjBPEE43kIuJPzth7SJNuRmtO0d1ffs/cAM2Z/E4il5wI+qQ8Z2wru2twMonJif\n" +
    "m4BMEZL15EyLg++IEUxQy0hU/9vcF5vHgSb6KIx0NSBOE3R3Hy0XsgqXriALoe7H\n" +
    "8U3q2W5SvnYZ+QDDmoo3GUhwAudEYD4hmdpLP9CRXdE9Yh4dnamW2Z94JmwqRGcV\n" +
    "Lig08Qj41nV9vMoDNd5Q9HwJZT0+1qV39wwAlxIbskJjMadFWSKpH223Vxfkr1xp\n" +
    "UJSHNHqW+GqxZdgWSaVs6myVgUNhuIev5oFK/vN39M5LucJNufg1qVIBrSt0cpk2\n" +
    "SnDCj66QiQJPQoa5M4ijOxQCALUSF4ACfUlCivoQtzEfQPURA7ej3wlVySLpt+0G\n" +
    "bspEgGtKhn3gqWOea1A3HxQaHjr62wrXvRk7S8D40Jsm5Ym0sgyJxqjR+RVj+oRf\n" +
    "fdSYrnRZmesg+zUGMFjOpnvRwkjC8MNGffCkIZxVzeA64fLhSIfXxwSiNu44cv1j\n" +
    "NqWOSV4tKbNK96mFocTms9vt4BF2I3A6zDrWbKjez7I03sFrmtU=\n" +
    "-----END RSA PRIVATE KEY-----\n"

