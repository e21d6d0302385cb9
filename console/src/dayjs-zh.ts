/**
 * Chinese month and weekday names in the date pickers. Imported by the
 * modules that show a picker, not at start: the board has none until asked.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');
