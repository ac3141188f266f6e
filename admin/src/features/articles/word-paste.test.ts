import { describe, expect, it } from 'vitest'
import { cleanPastedHtml, isOfficeHtml } from './word-paste'

/** What Word 2016 (Windows, Chinese) puts on the clipboard as text/html, abridged but verbatim in form. */
const WORD_DOC = `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<link rel=File-List href="file:///C:/Users/ZHANG/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:宋体;
	panose-1:2 1 6 0 3 1 1 1 1 1;}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	margin:0cm;
	font-size:10.5pt;
	font-family:"Times New Roman",serif;}
-->
</style>
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<!--StartFragment-->

<h1 style='margin-top:17.0pt;margin-right:0cm;margin-bottom:16.5pt;margin-left:
0cm;line-height:240%'><span style='font-family:黑体;mso-ascii-font-family:"Times New Roman"'>关于做好2026年度政务公开工作的通知</span><span
lang=EN-US><o:p></o:p></span></h1>

<h2 style='text-align:center'><span style='font-family:黑体'>一、总体要求</span></h2>

<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;
line-height:28.0pt;mso-line-height-rule:exactly'><span style='font-size:16.0pt;
font-family:仿宋_GB2312;color:#333333;mso-hansi-font-family:"Times New Roman"'>各乡镇人民政府，县直各部门：</span><span
lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>

<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;
font-family:仿宋_GB2312'>为深入贯彻落实《中华人民共和国政府信息公开条例》，<b><span
style='color:red'>现就有关事项</span></b>通知如下。</span></p>

<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>

<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-US style='font-family:"Times New Roman";mso-fareast-font-family:"Times New Roman"'><span
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span style='font-family:仿宋_GB2312'>加强组织领导</span></p>

<p class=MsoListParagraph style='margin-left:39.0pt;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
lang=EN-US><span style='mso-list:Ignore'>a)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]><span style='font-family:仿宋_GB2312'>明确责任分工</span></p>

<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-US><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]><span style='font-family:仿宋_GB2312'>完善工作机制</span></p>

<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;
 mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=184 valign=top style='width:138.25pt;border:solid windowtext 1.0pt;
  background:#D9E2F3;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><b><span style='font-family:宋体'>单位</span></b></p>
  </td>
  <td width=184 colspan=2 valign=top style='width:138.25pt'>
  <p class=MsoNormal align=center style='text-align:center'><b><span style='font-family:宋体'>完成时限</span></b></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:1;mso-yfti-lastrow:yes'>
  <td width=184 valign=top style='width:138.25pt'>
  <p class=MsoNormal><span style='font-family:宋体'>县政府办</span></p>
  </td>
  <td width=92 valign=top>
  <p class=MsoNormal><span lang=EN-US>2026</span><span style='font-family:宋体'>年</span><span
  lang=EN-US>6</span><span style='font-family:宋体'>月</span></p>
  </td>
  <td width=92 valign=top>
  <p class=MsoNormal><span style='font-family:宋体'>长期</span></p>
  </td>
 </tr>
</table>

<p class=MsoNormal><!--[if gte vml 1]><v:shape id="图片_x0020_1" o:spid="_x0000_i1025"
 type="#_x0000_t75" style='width:415pt;height:233pt'>
 <v:imagedata src="file:///C:/Users/ZHANG/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png"
  o:title=""/>
</v:shape><![endif]--><![if !vml]><img width=553 height=311
src="file:///C:/Users/ZHANG/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg" v:shapes="图片_x0020_1"><![endif]></p>

<p class=MsoNormal align=right style='text-align:right'><span style='font-family:仿宋_GB2312'>某某县人民政府办公室</span></p>

<!--EndFragment-->
</body>

</html>`

/** Word for Mac / Office 365 web puts list markers in comment-style conditionals. */
const WORD_BULLETS = `<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><!--[if !supportLists]--><span
style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><!--[endif]--><span
style='font-family:宋体'>第一项</span></p>
<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l1 level2 lfo2'><!--[if !supportLists]--><span
style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><!--[endif]--><span
style='font-family:宋体'>子项</span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><!--[if !supportLists]--><span
style='font-family:Wingdings'><span style='mso-list:Ignore'>Ø<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span></span><!--[endif]--><span
style='font-family:宋体'>第二项</span></p>
<p class=MsoNormal><span style='font-family:宋体'>列表之后的段落。</span></p>
<p class=MsoListParagraph style='mso-list:l2 level1 lfo3'><!--[if !supportLists]--><span><span style='mso-list:Ignore'>一、</span></span><!--[endif]--><span>中文编号</span></p>`

/** WPS Office (金山) on Chinese Windows: similar junk, Chinese fonts and colours. */
const WPS = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name="ProgId" content="Word.Document"><meta name="Generator" content="WPS Office"></head><body>
<!--StartFragment--><p class="MsoNormal" align="center" style="text-align:center;line-height:28pt;mso-line-height-rule:exactly;"><b><span style="font-family:方正小标宋简体;font-size:22pt;color:rgb(255,0,0);mso-font-kerning:1.0000pt;">县统计局</span></b><b><span style="font-family:方正小标宋简体;font-size:22pt;">2026年工作要点</span></b></p><p class="MsoNormal"><span style="font-family:仿宋;font-size:16pt;font-weight:bold;">重点</span><span style="font-family:仿宋;font-size:16pt;">工作。<a href="https://www.stats.gov.cn/" style="color:blue;text-decoration:underline">国家统计局</a></span><span style="font-family:仿宋;font-size:16pt;"><o:p></o:p></span></p><!--EndFragment--></body></html>`

describe('cleanPastedHtml', () => {
  it('keeps headings, paragraphs and emphasis and drops Office junk from a Word document', () => {
    const { html } = cleanPastedHtml(WORD_DOC)
    expect(html).toContain('<h1>关于做好2026年度政务公开工作的通知</h1>')
    expect(html).toContain('<h2 style="text-align: center">一、总体要求</h2>')
    expect(html).toContain('<p>各乡镇人民政府，县直各部门：</p>')
    expect(html).toContain(
      '<p>为深入贯彻落实《中华人民共和国政府信息公开条例》，<strong>现就有关事项</strong>通知如下。</p>',
    )
    expect(html).toContain('<p style="text-align: right">某某县人民政府办公室</p>')
    for (const junk of [
      'mso-',
      'Mso',
      'o:p',
      'font-family',
      '仿宋',
      'color',
      'xml',
      '<style',
      '[if',
      'endif',
      'class=',
      'v:shape',
      '<span',
      '@font-face',
      'file:',
    ]) {
      expect(html, junk).not.toContain(junk)
    }
  })

  it('drops the empty paragraphs Word uses as spacing', () => {
    const { html } = cleanPastedHtml(WORD_DOC)
    expect(html).not.toMatch(/<p>(&nbsp;|\s)*<\/p>/)
  })

  it('turns Word list paragraphs into nested ordered lists without their typed numbers', () => {
    const { html } = cleanPastedHtml(WORD_DOC)
    expect(html).toContain(
      '<ol><li><p>加强组织领导</p><ol><li><p>明确责任分工</p></li></ol></li><li><p>完善工作机制</p></li></ol>',
    )
    expect(html).not.toContain('1.')
    expect(html).not.toContain('a)')
  })

  it('turns bullet markers (Symbol, Courier New, Wingdings) into nested unordered lists', () => {
    const { html } = cleanPastedHtml(WORD_BULLETS)
    expect(html).toContain(
      '<ul><li><p>第一项</p><ul><li><p>子项</p></li></ul></li><li><p>第二项</p></li></ul><p>列表之后的段落。</p><ol><li><p>中文编号</p></li></ol>',
    )
    expect(html).not.toMatch(/[·Ø]/)
  })

  it('keeps tables with their structure and spans but no widths, borders or colours', () => {
    const { html } = cleanPastedHtml(WORD_DOC)
    expect(html).toContain(
      '<table><tr><td><p><strong>单位</strong></p></td><td colspan="2"><p style="text-align: center"><strong>完成时限</strong></p></td></tr>' +
        '<tr><td><p>县政府办</p></td><td><p>2026年6月</p></td><td><p>长期</p></td></tr></table>',
    )
    expect(html).not.toMatch(/width|valign|border|background|cellspacing/)
  })

  it("drops images that point at the author's disk and counts them", () => {
    const { html, droppedImages } = cleanPastedHtml(WORD_DOC)
    expect(html).not.toContain('<img')
    expect(droppedImages).toBe(1)
  })

  it('cleans WPS output: bold from styles, links kept, fonts and colours dropped', () => {
    const { html } = cleanPastedHtml(WPS)
    expect(html).toBe(
      '<p style="text-align: center"><strong>县统计局</strong><strong>2026年工作要点</strong></p>' +
        '<p><strong>重点</strong>工作。<a href="https://www.stats.gov.cn/">国家统计局</a></p>',
    )
  })

  it('joins Chinese text that Word wrapped across source lines without adding spaces', () => {
    const { html } = cleanPastedHtml(
      '<p class=MsoNormal><span style="font-family:宋体">政务公开是建设法治\r\n政府的重要内容</span> and English\r\nwords</p>',
    )
    expect(html).toBe('<p>政务公开是建设法治政府的重要内容 and English words</p>')
  })

  it('keeps web images and safe links, drops scripts, event handlers and javascript: links', () => {
    const { html, droppedImages } = cleanPastedHtml(
      '<div><p onclick="x()">看<a href="javascript:alert(1)">这里</a><script>alert(2)</script></p>' +
        '<img src="https://example.gov.cn/a.png" alt="示意图" onerror="x()"><font color="red" face="宋体">红字</font></div>',
    )
    expect(html).toBe('<p>看这里</p><img src="https://example.gov.cn/a.png" alt="示意图">红字')
    expect(droppedImages).toBe(0)
  })

  it('recognises Office HTML', () => {
    expect(isOfficeHtml(WORD_DOC)).toBe(true)
    expect(isOfficeHtml(WPS)).toBe(true)
    expect(isOfficeHtml('<p>普通网页</p>')).toBe(false)
  })
})
