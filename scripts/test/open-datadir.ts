// Child process for the data-folder lock test: opens the embedded database in argv[2].
import { openDatabase } from "../../db/client";

openDatabase({ dataDir: process.argv[2] })
  .then(async (d) => {
    await d.close();
    process.stdout.write("opened\n");
  })
  .catch((err: Error) => {
    process.stderr.write(err.message + "\n");
    process.exit(1);
  });
