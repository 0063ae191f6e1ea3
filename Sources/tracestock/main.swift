import Foundation
import TracestockCLI

exit(await TracestockCommand.run(Array(CommandLine.arguments.dropFirst())))
