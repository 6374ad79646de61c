"""The homophone table (`analysis.homophones`) as computed from one version of pypinyin's
character data: a process reads it here instead of parsing pypinyin's whole `pinyin_dict.json`
(~41,000 characters) and dropping the tones of every level-1 character's readings at start.

    by_reading() -> {toneless reading: level-1 characters in GB 2312 order}
    entry(table, sha1) -> str          this module's two constants for another table (tests print it)

`SOURCE_SHA1` is the sha1 of the `pinyin_dict.json` the table was computed from; `homophones`
uses the table only when the installed file has that sha1, and computes it from the file
otherwise (another pypinyin version), so a new version costs start-up time, never a different
answer. `TABLE`: space-separated entries, each a reading (sorted) followed by its characters in
GB 2312 order, as `homophones` computes them (tests/analysis/test_homophones.py checks it).
"""
from __future__ import annotations

import textwrap

__all__ = ["SOURCE_SHA1", "TABLE", "by_reading", "entry"]

SOURCE_SHA1 = "ebcab91c64165ebb0c6925fb98e32c0c24086e9b"
TABLE = (
    "a啊阿呵 ai埃挨哎唉哀皑癌蔼矮艾碍爱隘呆乃奇 an鞍氨安俺按暗岸胺案厂干广盒 ang肮昂盎仰 "
    "ao凹敖熬翱袄傲奥懊澳棍嚣 ba芭捌扒叭吧笆八疤巴拔跋靶把耙坝霸罢爸伯湃 bai扒白柏百摆佰败拜稗伯啡排派 "
    "ban斑班搬扳般颁板版扮拌伴瓣半办绊卑辨彬 bang邦帮梆榜膀绑棒磅蚌镑傍谤旁彭 "
    "bao苞胞包褒剥薄雹保堡饱宝抱报暴豹鲍爆呆刨炮袍曝瀑 bei拔跋杯碑悲卑北辈背贝钡倍狈备惫焙被臂波葡菩 "
    "ben奔苯本笨夯体 beng榜蚌傍崩绷甭泵蹦迸旁抨平 "
    "bi卑被逼鼻比鄙笔彼碧蓖蔽毕毙毖币庇痹闭敝弊必辟壁臂避陛波肥佛拂幅服虑秘泌脾瞥 bian鞭边编贬扁便变卞辨辩辫遍封 "
    "biao苞标彪膘表漂 bie捌扒拔蔽鳖憋别瘪秘撇 bin彬斌濒滨宾摈份 bing兵冰柄丙秉饼炳病并拼平屏 "
    "bo拔白柏百般剥薄暴爆玻菠播拨钵波博勃搏铂箔伯帛舶脖膊渤泊驳卜簿番佛服募怕拍潘跑魄菩蒲瀑 "
    "bu薄堡捕卜哺补埠不布步簿部怖附埔 ca擦蔡拆 cai猜裁材才财睬踩采彩菜蔡 can餐参蚕残惭惨灿掺 cang苍舱仓沧藏 "
    "cao操糙槽曹草澡造 ce厕策侧册测赦栅 cen参 ceng层蹭僧增曾 cha插叉茬茶查碴搽察岔差诧接捷刹土斜喳 "
    "chai查差拆柴豺搓 chan搀掺蝉馋谗缠铲产阐颤单厘苫兔沾 chang昌猖场尝常长偿肠厂敞畅唱倡尚裳倘淌 "
    "chao超抄钞朝嘲潮巢吵炒绰剿 che拆车扯撤掣彻澈池尺斥宅 chen郴臣辰尘晨忱沉陈趁衬称橙堪帘沈填湛枕疹 "
    "cheng敞撑称城橙成呈乘程惩澄诚承逞骋秤盯净棱盛趟醒 chi茬拆吃痴持匙池迟弛驰耻齿侈尺赤翅斥炽哆离莉蛇她抬提拖喜移治 "
    "chong充冲虫崇宠茧酮涌盅种重烛 chou抽酬畴踌稠愁筹仇绸瞅丑臭扭 "
    "chu初出橱厨躇锄雏滁除楚础储矗搐触处硫柠淑涂畜絮著助祝 chua撮 chuai揣 chuan川穿椽传船喘串 "
    "chuang疮窗幢床闯创葱囱 chui吹炊捶锤垂椎 chun春椿醇唇淳纯蠢 chuo躇戳绰簇促淖醛 "
    "ci差柴疵茨磁雌辞慈瓷词此刺赐次措司伺兹滋 cong窗聪葱囱匆从丛 cou凑簇趣奏揍族 cu粗醋簇促戚且趣卒 "
    "cuan蹿篡窜蹲攒 cui察摧崔催脆瘁粹淬翠洒衰体卒 cun村存寸蹲浚 cuo差摧磋撮搓措挫错昔最 "
    "da搭达答瘩打大胆迭塌塔 dai大呆歹傣戴带殆代贷袋待逮怠毒隶 dan忱耽担丹单郸掸胆旦氮但惮淡诞弹蛋憾冉石潭蜒詹湛 "
    "dang当挡党荡档 dao刀捣蹈倒岛祷导到稻悼道盗敦受陶 de德得的登底地 dei得 deng橙澄蹬灯登等瞪凳邓 "
    "di逮的堤低滴迪敌笛狄涤翟嫡抵底地蒂第帝弟递缔隶芍勺提蹄逐 dian颠掂滇碘点典靛垫电佃甸店惦奠淀殿拈涎沾 "
    "diao稠刀碉叼雕凋刁掉吊钓调敦鸟挑跳 die跌爹碟蝶迭谍叠哆涉踢至窒 ding灯奠丁盯叮钉顶鼎锭定订汀 diu丢 "
    "dong东冬董懂动栋侗恫冻洞桐酮筒 dou兜抖斗陡豆逗痘都读投逾 du都督毒犊独读堵睹赌杜镀肚度渡妒顿土宅 "
    "duan端短锻段断缎 dui堆兑队对敦追 dun墩吨蹲敦顿囤钝盾遁俊 duo揣捶度兑掇哆多夺垛躲朵跺舵剁惰堕隋陀驮杂 "
    "e啊阿隘胺歹蛾峨鹅俄额讹娥恶厄扼遏鄂饿蛤哦邑 en恩 er而儿耳尔饵洱二贰 fa拔发罚筏伐乏阀法珐泛 "
    "fan藩帆番翻樊矾钒繁凡烦反返范贩犯饭泛潘 fang坊芳方肪房防妨仿访纺放 fei菲非啡飞肥匪诽吠肺废沸费拂裴 "
    "fen扮奔匪芬酚吩氛分纷坟焚汾粉奋份忿愤粪盼 feng蚌泛方丰封枫蜂峰锋风疯烽逢冯缝讽奉凤捧 fo佛 fou不否 "
    "fu包哺不沸佛夫敷肤孵扶拂辐幅氟符伏俘服浮涪福袱弗甫抚辅俯釜斧脯腑府腐赴副覆赋复傅付阜父腹负富讣附妇缚咐怀还仅莆市 "
    "ga噶嘎胳夹咖轧 gai该改概钙盖溉骸核芥咳汽 gan干甘杆柑竿肝赶感秆敢赣个捍汗奸乾 "
    "gang肮冈刚钢缸肛纲岗港杠扛抗亢 gao篙皋高膏羔糕搞镐稿告浩咎 "
    "ge噶盖哥歌搁戈鸽胳疙割革葛格蛤阁隔铬个各浩菏合假介咯可屹 gei给 gen根跟痕 geng耕更庚羹埂耿梗颈亢邢硬 "
    "gong杠工攻功恭龚供躬公宫弓巩汞拱贡共虹红磺 gou钩勾沟苟狗垢构购够拘句 "
    "gu皋告辜菇咕箍估沽孤姑鼓古蛊骨谷股故顾固雇滑家贾角枯苦 gua刮瓜剐寡挂褂括舌 guai乖拐怪 "
    "guan串棺关官冠观管馆罐惯灌贯果纶斡 guang光广逛横恍 gui概瑰规圭硅归龟闺轨鬼诡癸桂柜跪贵刽撅傀祈炔哇洼娃桅 "
    "gun辊滚棍混卷 guo锅郭国果裹过唬划活涡 ha蛤哈呵虾吓 hai骸孩海氦亥害骇还咳 "
    "han厂甘感酣憨邯韩含涵寒函喊罕翰撼捍旱憾悍焊汗汉嵌 hang肮夯杭航狠炕吭狼巷行 hao皋镐壕嚎豪毫郝好耗号浩貉唬 "
    "he格硅哈害呵喝荷菏核禾和何合盒貉阂河涸赫褐鹤贺呼霍揭苛渴洽吓蝎 hei嘿黑 hen痕很狠恨掀 heng哼亨横衡恒行 "
    "hng哼 hong港共轰哄烘虹鸿洪宏弘红汪 hou喉侯猴吼厚候后 "
    "hu雇核和呼乎忽瑚壶葫胡蝴狐糊湖弧虎唬护互沪户苦芦戏许羽 hua敌花哗华猾滑画划化话豁哇找 huai划槐徊怀淮坏坯 "
    "huan灌欢环桓还缓换患唤痪豢焕涣宦幻皖眩援 huang横荒慌黄磺蝗簧皇凰惶煌晃幌恍谎芒茫 "
    "hui虫堕徊涣灰挥辉徽恢蛔回毁悔慧卉惠晦贿秽会烩汇讳诲绘溃 hun棍荤昏婚魂浑混昆捆 "
    "huo扮呵和化豁活伙火获或惑霍货祸越 "
    "ji疵革隔给击圾基机畸稽积箕肌饥迹激讥鸡姬绩缉吉极棘辑籍集及急疾汲即嫉级挤几脊己蓟技冀季伎祭剂悸济寄寂计记既忌际妓继纪秸洁藉居蜡期其棋奇齐系揖倚 "
    "jia嘉枷夹佳家加荚颊贾甲钾假稼价架驾嫁咖揩茄暇夏挟押 "
    "jian喊歼监坚尖笺间煎兼肩艰奸缄茧检柬碱硷拣捡简俭剪减荐槛鉴践贱见键箭件健舰剑饯渐溅涧建沮前浅咸 "
    "jiang虹僵姜将浆江疆蒋桨奖讲匠酱降强 jiao激蕉椒礁焦胶交郊浇骄娇嚼搅铰矫侥脚狡角饺缴绞剿教酵轿较叫窖觉校妖咬 "
    "jie差担概亥圾籍家假价揭接皆秸街阶截劫节桔杰捷睫竭洁结解姐戒藉芥界借介疥诫届楷渴契拾她祖 "
    "jin巾筋斤金今津襟紧锦仅谨进靳晋禁近烬浸尽劲肋吟湛 jing劲荆兢茎睛晶鲸京惊精粳经井警景颈静境敬镜径痉靖竟竞净青氏醒 "
    "jiong炯窘坷 jiu愁揪究纠玖韭久灸九酒厩救旧臼舅咎就疚 "
    "ju车仇告拱柜桔姐鞠拘狙疽居驹菊局咀矩举沮聚拒据巨具距踞锯俱句惧炬剧且蛆屈渠娶租足 juan捐鹃娟倦眷卷绢圈蕊身眩甄 "
    "jue嚼脚角撅攫抉掘倔爵觉决诀绝狂屈蛙穴乙 jun龟卷均菌钧军君峻俊竣浚郡骏旬匀 ka喀咖卡咯 kai喝核开揩楷凯慨渴岂 "
    "kan喊槛刊堪勘坎砍看嵌 kang奋杭荒康慷糠扛抗亢炕坑 kao搞考拷烤靠 ke呵喀坷苛柯棵磕颗科壳咳可渴克刻客课 "
    "kei刻 ken狠肯啃垦恳 keng坑吭 kong空恐孔控腔 kou抠口扣寇挎 ku古掘枯哭窟苦酷库裤挎跨圣 "
    "kua夸垮挎跨胯 kuai会块筷侩快魁傀 kuan棵宽款完 kuang呈逛磺匡筐狂框矿眶旷况枉兄 "
    "kui踩亏盔岿窥葵奎魁傀馈愧溃缺 kun混坤昆捆困卵 kuo括扩廓阔适 la垃拉喇蜡腊辣啦蓝落 lai莱来赖 "
    "lan郴蓝婪栏拦篮阑兰澜谰揽览懒缆烂滥 lang羹琅榔狼廊郎朗浪 lao捞劳牢老佬姥酪烙涝撩僚潦落络 le勒乐肋了 "
    "lei勒雷镭蕾磊累儡垒擂肋类泪 leng棱楞冷 "
    "li厘梨犁黎篱狸离漓理李里鲤礼莉荔吏栗丽厉励砾历利傈例俐痢立粒沥隶力璃哩列泣位 lia俩 "
    "lian联莲连镰廉怜涟帘敛脸链恋炼练零令 liang惊俩粮凉梁粱良两辆量晾亮谅 liao佬撩聊僚疗燎寥辽潦了撂镣廖料 "
    "lie膊累栗例列裂烈劣猎 lin琳林磷霖临邻鳞淋凛赁吝拎任 ling棱冷怜磷拎玲菱零龄铃伶羚凌灵陵岭领另令 "
    "liu泵聊溜琉榴硫馏留刘瘤流柳六碌陆游 lo咯 long龙聋咙笼窿隆垄拢陇弄 lou牢楼娄搂篓漏陋露 "
    "lu谷角酪六芦卢颅庐炉掳卤虏鲁麓碌露路赂鹿潞禄录陆戮绿 luan峦挛孪滦卵乱 lun抡轮伦仑沦纶论 "
    "luo格果咯酪烙碌路萝螺罗逻锣箩骡裸落洛骆络 lü累鹿驴吕铝侣旅履屡缕虑氯律率滤绿 lüe率掠略 "
    "ma貉妈麻玛码蚂马骂嘛吗么靡摩抹 mai哩埋买麦卖迈脉派 man埋瞒馒蛮满蔓曼慢漫谩幕 mang芒茫盲氓忙莽 "
    "mao耗猫茅锚毛矛铆卯茂冒帽貌贸描牟 me么没末 mei玫枚梅酶霉煤没眉媒镁每美昧寐妹媚糜谜墨某味 men门闷们 "
    "meng氓萌蒙檬盟锰猛梦孟明 mi辟眯醚靡糜迷谜弥米秘觅泌蜜密幂摩 mian棉眠绵冕免勉娩缅面 "
    "miao吵猫苗描瞄藐秒渺庙妙 mie蔑灭 min眠民抿皿敏悯闽 ming萌盟皿明螟鸣铭名命 miu谬 "
    "mo百佰伯貉嘿脉冒貌么没昧藐摸摹蘑模膜磨摩魔抹末莫墨默沫漠寞陌帕袜万无勿 mou件谋牟某毋 "
    "mu嘿姥模莫牟拇牡亩姆母墓暮幕募慕木目睦牧穆 na拿哪呐钠那娜纳南内絮 nai哪那氖乃奶耐奈能 nan南男难冉 "
    "nang囊 nao挠脑恼闹淖 ne哪呐那呢 nei哪那馁内 nen嫩 neng而耐能 ni呢妮霓倪泥尼拟你匿腻逆溺 "
    "nian趁蔫拈年碾撵捻念粘辗 niang娘酿 niao溺鸟尿 nie哪倪泥捻捏聂孽啮镊镍涅幸 nin您 "
    "ning冰泥年柠狞凝宁拧泞攘疑 niu牛扭钮纽 nong脓浓农弄 nu仅奴努怒褥 nuan暖 nuo掉哪呐那娜挪懦糯诺需 "
    "nü女絮 nüe虐疟 o哦 ou欧鸥殴藕呕偶沤区握遇 pa芭扒叭吧把耙啪趴爬帕怕琶派 pai啡拍排牌徘湃派脾迫 "
    "pan扳般拌伴半卞番繁攀潘盘磐盼畔判叛胖片彦 pang榜膀磅傍方房仿逢乓庞旁耪胖彭 pao苞胞包抱抛咆刨炮袍跑泡 "
    "pei倍啡肺坏呸胚培裴赔陪配佩沛 pen吩汾喷盆 peng榜傍逢亨旁砰抨烹澎彭蓬棚硼篷膨朋鹏捧碰苹庄 "
    "pi蚌卑被比庇辟番否拂副坏培坯砒霹批披劈琵毗啤脾疲皮匹痞僻屁譬扑 pian扁便辨篇偏片骗平 piao膘飘漂瓢票朴 "
    "pie蔽撇瞥 pin泵拼频贫品聘 ping秤冯砰聘乒坪苹萍平凭瓶评屏 po霸膊泊番繁坡泼颇婆破魄迫粕剖朴 "
    "pou抱部涪培剖 pu剥堡暴卜扶甫脯扑铺仆莆葡菩蒲埔朴圃普浦谱曝瀑 "
    "qi甭吃刺抵逗畸稽缉己技伎揭期欺栖戚妻七凄漆柒沏其棋奇歧畦崎脐齐旗祈祁骑起岂乞企启契砌器气迄弃汽泣讫切勤示宿溪枝支吱 "
    "qia卡客掐恰洽 qian柑赶筋牵扦钎铅千迁签仟谦乾黔钱钳前潜遣浅谴堑嵌欠歉纤寨 qiang将控枪呛腔羌墙蔷强抢 "
    "qiao愁搞蕉焦壳橇锹敲悄桥瞧乔侨巧鞘撬翘峭俏窍雀捎硝削校招 qie捷漆沏契砌切茄且怯窃 qin浸钦侵亲秦琴勤芹擒禽寝沁 "
    "qing精亲青轻氢倾卿清擎晴氰情顷请庆声胜 qiong鞠琼穷 qiu仇龟秋丘邱球求囚酋泅团 "
    "qu鞠巨句蜡趋区蛆曲躯屈驱渠取娶龋趣去戌 quan串卷圈颧权醛泉全痊拳犬券劝栓拴 que猎屈缺炔瘸却鹊榷确雀芍 "
    "qun蹲遁裙群 ran然燃冉染 rang瓤壤攘嚷让 rao饶扰绕 re惹热若 ren儿壬仁人忍韧任认刃妊纫 "
    "reng耳扔仍戎 ri日 rong隔戎茸蓉荣融熔溶容绒冗 rou揉柔肉 ru女肉茹蠕儒孺如辱乳汝入褥需月 ruan软阮需 "
    "rui兑内蕊瑞锐 run闰润 ruo溺惹若弱 sa蔡撒洒萨 sai腮鳃塞赛思 san三叁伞散 sang桑嗓丧 "
    "sao搔骚扫嫂梢哨燥 se泣塞瑟色涩寨 sen洒森 seng僧 sha哈接莎砂杀刹沙纱傻啥煞杉厦噎 shai色筛晒 "
    "shan掺单掸邓珊苫杉山删煽衫闪陕擅赡膳善汕扇缮檀栅 shang墒伤商赏晌上尚裳汤 "
    "shao鞘梢捎稍烧芍勺韶少哨邵绍搜削招召 she碟睫奢赊蛇舌舍赦摄射慑涉社设拾邪折 shei谁 "
    "shen参砷申呻伸身深娠绅神沈审婶甚肾慎渗什信湛震 sheng乘甸声生甥牲升绳省盛剩胜圣姓 "
    "shi匙堤郝赫舍师失狮施湿诗尸虱十石拾时什食蚀实识史矢使屎驶始式示士世柿事拭誓逝势是嗜噬适仕侍释饰氏市恃室视试斯寺似提嘘液肢汁殖峙 "
    "shou收手首守寿授售受瘦兽熟 "
    "shu除娶售蔬枢梳殊抒输叔舒淑疏书赎孰熟薯暑曙署蜀黍鼠属术述树束戍竖墅庶数漱恕嗽透野俞豫朱 shua刷耍唆 "
    "shuai率摔衰甩帅 shuan汕栓拴 shuang霜双爽 shui谁水睡税说 shun盾俊吮瞬顺舜巡 "
    "shuo勺数说硕朔烁嗽溯 si厕食斯撕嘶思私司丝死肆寺嗣四伺似饲巳台析已以肄 song松耸怂颂送宋讼诵 sou搜艘擞嗽族 "
    "su搬苏酥俗素速粟僳塑溯宿诉肃缩 suan酸蒜算撰 sui粹尿莎虽隋随绥髓碎岁穗遂隧祟蓑 sun餐孙损笋 "
    "suo抄霍莎沙衰蓑梭唆缩琐索锁所些 ta搭达哈塌他它她塔獭挞蹋踏太拓 tai大能胎苔抬台泰酞太态汰 "
    "tan胆但淡弹沈坍摊贪瘫滩坛檀痰潭谭谈坦毯袒碳探叹炭舔炎湛 tang汤塘搪堂棠膛唐糖倘躺淌趟烫 "
    "tao掏涛滔绦萄桃逃淘陶讨套挑跳姚 te匿式特 teng藤腾疼誊 ti达堤狄弟是肆梯剔踢锑提题蹄啼体替嚏惕涕剃屉折 "
    "tian蚕滇典佃甸苫天添填田甜恬舔腆吞沾 tiao超稠调桃挑条迢眺跳姚 tie蝶贴铁帖占 ting奠厅听烃汀廷停亭庭挺艇 "
    "tong侗恫洞通桐酮瞳同铜彤童桶捅筒统痛恿重 tou逗偷投头透愉 tu跌杜凸秃突图徒途涂屠土吐兔余 tuan揣敦痪税湍团 "
    "tui弟税推颓腿蜕褪退脱追 tun吨敦囤褪吞屯臀吴逐 tuo池惰魄蛇税隋他它拖托脱鸵陀驮驼椭妥拓唾 "
    "wa凹挖哇蛙洼娃瓦袜鞋 wai歪外 wan蔓免娩豌弯湾玩顽丸烷完碗挽晚皖惋宛婉万腕园 "
    "wang方皇匡芒汪王亡枉网往旺望忘妄 "
    "wei堤机立威巍微危韦违桅围唯惟为潍维苇萎委伟伪尾纬未蔚味畏胃喂魏位渭谓尉慰卫遗有于 "
    "wen昧免娩瘟温蚊文闻纹吻稳紊问限眼 weng嗡翁瓮 wo瘟挝蜗涡窝我斡卧握沃 "
    "wu恶母亡巫呜钨乌污诬屋无芜梧吾吴毋武五捂午舞伍侮坞戊雾晤物勿务悟误 "
    "xi既腊猎卤栖洒屎撕昔熙析西硒矽晰嘻吸锡牺稀息希悉膝夕惜熄烯溪汐犀檄袭席习媳喜铣洗系隙戏细 "
    "xia呼唬假瞎虾匣霞辖暇峡侠狭下厦夏吓斜押呀 "
    "xian捍肩碱见洒省探铣洗掀锨先仙鲜纤咸贤衔舷闲涎弦嫌显险现献县腺馅羡宪陷限线矣 "
    "xiang亨降攘相厢镶香箱襄湘乡翔祥详想响享项巷橡像向象洋 "
    "xiao号呼唬胶狡俏梢捎芍哨搜萧硝霄削哮嚣销消宵淆晓小孝校肖啸笑效 "
    "xie溉接桔解契楔些歇蝎鞋协挟携邪斜胁谐写械卸蟹懈泄泻谢屑血耶叶豫汁 xin款薪芯锌欣辛新忻心信衅寻 "
    "xing省胜星腥猩惺兴刑型形邢行醒幸杏性姓研 xiong能宪兄凶胸匈汹雄熊 xiu臭宿休修羞朽嗅锈秀袖绣 "
    "xu呼姐邪休墟戌需虚嘘须徐许蓄酗叙旭序畜恤絮婿绪续于余芋吁 xuan暖券轩喧宣悬旋玄选癣眩绚撰滋 "
    "xue炔削哮靴薛学穴雪血 xun遁荤浚洒梭潭勋熏循旬询寻驯巡殉汛训讯逊迅 "
    "ya吾歇邪压押鸦鸭呀丫芽牙蚜崖衙涯雅哑亚讶御札轧 "
    "yan癌俺厂但淡广狠蔫铅涎羡巡焉咽阉烟淹盐严研蜒岩延言颜阎炎沿奄掩眼衍演艳堰燕厌砚雁唁彦焰宴谚验殷淫 "
    "yang昂殃央鸯秧杨扬佯疡羊洋阳氧仰痒养样漾英映 yao侥么疟陶邀腰妖瑶摇尧遥窑谣姚咬舀药要耀淫由幼约钥 "
    "ye喝射墅涂邪斜咽椰噎耶爷野冶也页掖业叶曳腋夜液拽 "
    "yi艾怠迭蛾疙姬隶奇崎汽蛇射失施食巳它台叹听尾熙夕羡泄焉噎也一壹医揖铱依伊衣颐夷遗移仪胰疑沂宜姨彝椅蚁倚已乙矣以艺抑易邑屹亿役臆逸肄疫亦裔意毅忆义益溢诣议谊译异翼翌绎印 "
    "yin币垦潭听烟言壹沂茵荫因殷音阴姻吟银淫寅饮尹引隐印湛众 ying逞甸景哩央英樱婴鹰应缨莹萤营荧蝇迎赢盈影颖硬映 "
    "yo哟育 yong容拥佣臃痈庸雍踊蛹咏泳涌永恿勇用遇 you奥泅扰叹幽优悠忧尤由邮铀犹油游酉有友右佑釉诱又幼 "
    "yu奥懊澳谷或亏舒宛王蔚尉梧吾衙迂淤于盂榆虞愚舆余俞逾鱼愉渝渔隅予娱雨与屿禹宇语羽玉域芋郁吁遇喻峪御愈欲狱育誉浴寓裕预豫驭苑粥 "
    "yuan穿捐阮宛咽鸳渊冤元垣袁原援辕园员圆猿源缘远苑愿怨院允 yue块乐说蜕曰约越跃钥岳粤月悦阅 "
    "yun盾均宛尉瘟温尹员苑怨耘云郧匀陨允运蕴酝晕韵孕 za匝砸杂咱扎咋 zai才栽哉灾宰载再在仔 zan咱攒暂赞 "
    "zang藏赃脏葬 zao槽草窖遭糟凿藻枣早澡蚤躁噪造皂灶燥 ze侧措责择则泽咋柞 zei贼 zen怎 zeng增憎曾赠综 "
    "zha册插查哆蜡扎喳渣札轧铡闸眨栅榨咋乍炸诈柞 zhai侧柴疵翟度祭择摘斋宅窄债寨 "
    "zhan颤袒瞻毡詹粘沾盏斩辗崭展蘸栈占战站湛绽 zhang长樟章彰漳张掌涨杖丈帐账仗胀瘴障 "
    "zhao朝嘲淖桃蚤招昭找沼赵照罩兆肇召著爪着 zhe斥堵庶遮折哲蛰辙者锗蔗这浙著着 zhei这 "
    "zhen趁唇滇鼎慎填珍斟真甄砧臻贞针侦枕疹诊震振镇阵帧 zheng敞承奠丁趟蒸挣睁征狰争怔整拯正政帧症郑证 "
    "zhi埃抵积伎祁识示氏恃拓芝枝支吱蜘知肢脂汁之织职直植殖执值侄址指止趾只旨纸志挚掷至致置帜峙制智秩稚质炙痔滞治窒 "
    "zhong董童中盅忠钟衷终种肿重仲众 zhou扭育舟周州洲诌粥轴肘帚咒皱宙昼骤逐注祝啄 "
    "zhu朝除斗逗柠宁泞属术庶予之珠株蛛朱猪诸诛逐竹烛煮拄瞩嘱主著柱助蛀贮铸筑住注祝驻茁阻 zhua挝抓爪 zhuai拽转 "
    "zhuan传湍专砖转撰赚篆 zhuang幢桩庄装妆撞壮状 zhui揣垂隧致椎锥追赘坠缀 zhun淳敦屯谆准 "
    "zhuo掇缴淖勺著捉拙卓桌琢茁酌啄着灼浊 zi柴疵次事吱兹咨资姿滋淄孜紫仔籽滓子自渍字 zong从鬃棕踪宗综总纵 "
    "zou趣邹走奏揍族 zu淬姐沮租足卒族祖诅阻组 zuan撮赚钻纂 zui摧撮堆咀嘴醉最罪 zun奠蹲尊遵 "
    "zuo醋撮挫凿乍琢昨左佐柞做作坐座 "
)


def by_reading() -> dict[str, tuple[str, ...]]:
    """`TABLE` as {reading: characters}."""
    out: dict[str, tuple[str, ...]] = {}
    for item in TABLE.split():
        k = next(i for i, c in enumerate(item) if not ("a" <= c <= "z" or c == "ü"))
        out[item[:k]] = tuple(item[k:])
    return out


def entry(table: dict[str, tuple[str, ...]], sha1: str) -> str:
    """This module's `SOURCE_SHA1` and `TABLE` lines for `table` (as `homophones` computes it
    from a `pinyin_dict.json` of sha1 `sha1`)."""
    text = " ".join(r + "".join(table[r]) for r in sorted(table))
    lines = textwrap.wrap(text, 60, break_long_words=False, break_on_hyphens=False)
    return (f'SOURCE_SHA1 = "{sha1}"\nTABLE = (\n'
            + "\n".join(f'    "{line} "' for line in lines) + "\n)\n")
